-- The record a posting's request was last known to come from: "<fingerprint>:<content_hash>", where the
-- fingerprint is SHA-256 over the connector's build, the mapping (rules and the variables they read) and the
-- record (Mapping#fingerprint). Valid only while content_hash is still the one after the colon: a re-sync that
-- meets the same fingerprint knows the posting unchanged without mapping it. NULL until a re-sync notes it.
ALTER TABLE posting_ledger ADD COLUMN record_fingerprint VARCHAR(130);
