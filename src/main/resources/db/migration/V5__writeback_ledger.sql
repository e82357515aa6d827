-- The write-back ledger: one row per note written (or being written) to an ATS, keyed by the target, the
-- application, the JobMojito result and its version. ATS note APIs have no idempotency key, so the row is marked
-- in_flight BEFORE the note is sent and done after the ATS answered 2xx: a retry or a restart that finds a row in
-- flight knows the note may be there already (see the README, "Interview results back into the ATS").
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE writeback_ledger (
    target          VARCHAR(100)  NOT NULL,             -- the ATS target (lever, greenhouse, workable, folder, ...)
    application_id  VARCHAR(300)  NOT NULL,             -- the ATS application (opportunity, candidate) id
    result_id       VARCHAR(100)  NOT NULL,             -- JobMojito's interview_result id
    version         VARCHAR(200)  NOT NULL,             -- the result's version (what changed)
    status          VARCHAR(20)   NOT NULL,             -- pending, in_flight, done, parked
    attempts        INTEGER       NOT NULL DEFAULT 0,   -- notes sent so far (answered or not)
    ats_reference   VARCHAR(300),                       -- the note's id as the ATS answered it, when it did
    in_flight_since TIMESTAMP WITH TIME ZONE,           -- set while a note may have reached the ATS unanswered
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (target, application_id, result_id, version)
);
CREATE INDEX writeback_ledger_status ON writeback_ledger (status, updated_at);
