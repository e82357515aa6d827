-- Issue 15: the interview link of a new invitation, kept from JobMojito's answer until its note is written to the
-- ATS (CONNECTOR_INVITATIONS_LINK_WRITEBACK), so a connector that stops or dies in between writes the note on its
-- next start instead of losing the one-time link. Set in the same statement that records the row invited,
-- cleared as soon as the write-back has the note (written, or refused for good); never kept longer. JSON:
-- {"interview_url": ..., "send_email": ..., "is_test": ...}. Plain SQL that H2 and PostgreSQL both accept.
ALTER TABLE invitation_ledger ADD COLUMN pending_link VARCHAR(4000);
