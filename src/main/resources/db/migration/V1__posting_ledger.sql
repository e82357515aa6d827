-- The sync ledger: one row per posting the connector has sent to JobMojito. Plain SQL that H2 and PostgreSQL
-- both accept (no vendor types, no upsert syntax), so CONNECTOR_LEDGER_URL can point at either.
CREATE TABLE IF NOT EXISTS posting_ledger (
    posting_key     VARCHAR(600)  NOT NULL PRIMARY KEY, -- source + ':' + code
    source          VARCHAR(200)  NOT NULL,             -- the mapping name, or the source a route sets
    code            VARCHAR(300)  NOT NULL,             -- the ATS job id, as sent in code
    name            VARCHAR(1000),
    content_hash    CHAR(64),                           -- SHA-256 of the last request sent
    interview_id    VARCHAR(100),                       -- interview_def_set_id
    status          VARCHAR(20)   NOT NULL,             -- in_flight, created, updated, closed
    request_json    TEXT,                               -- the last request sent, to send only what changed
    in_flight_since TIMESTAMP WITH TIME ZONE,           -- set while a create may have reached JobMojito
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at    TIMESTAMP WITH TIME ZONE            -- the last complete poll (or file) that held it
);
CREATE INDEX IF NOT EXISTS posting_ledger_source ON posting_ledger (source, status);
