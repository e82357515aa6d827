-- Issue 13, re-syncs that cost little: the record each posting's request was last found to come from, as
-- "<fingerprint>:<content_hash>", where the fingerprint is SHA-256 over the connector's build, the mapping (its
-- rules and the variables they read) and the record (Mapping#fingerprint). It holds only while the posting's
-- content_hash in posting_ledger is still the one after the colon: a re-sync that meets the same fingerprint then
-- knows the posting unchanged without mapping it. A table of its own, so that noting it does not rewrite the
-- posting's row (with its request text). Advisory: a row lost or stale only means the record is mapped again.
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE IF NOT EXISTS posting_fingerprint (
    posting_key VARCHAR(600) NOT NULL PRIMARY KEY,  -- posting_ledger.posting_key
    note        VARCHAR(130) NOT NULL               -- <fingerprint>:<content_hash>, 64 hex digits each
);
