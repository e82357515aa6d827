-- Polls of the ATS's applications (issue 15, README "Polling the ATS for applications"): one row per poll (its
-- route id), holding the updated_after watermark the next cycle asks the ATS from. In the ledger's database so
-- that replicas share it: the replica that leads the intake after another died goes on from where it stopped.
-- The watermark only moves forward, and only after the applications of the pages it covers were recorded; an
-- application that is waiting for its posting's interview (or failed) holds it back, so it is seen again.
-- Plain SQL that H2 and PostgreSQL both accept.
CREATE TABLE application_poll_watermark (
    poll_id     VARCHAR(200) NOT NULL,             -- the poll's route id, e.g. invitations-poll-lever
    watermark   TIMESTAMP WITH TIME ZONE NOT NULL, -- every application updated up to here is recorded
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL, -- when the watermark last moved
    PRIMARY KEY (poll_id)
);
