-- Invitations (issue 15): one row per application and interview the connector registered, or is registering,
-- with JobMojito. It keeps ids only: never a name, an email or the interview link. Plain SQL that H2 and
-- PostgreSQL both accept.
--
-- A row is written (in_flight) BEFORE the register-users call and becomes invited when the answer's row for the
-- application says ok; a row whose answer was lost stays in_flight and is reconciled (merchant-result-list) the
-- next time the application is seen, before anything is sent again. needs_person: JobMojito could not tell
-- whether the lost call registered the candidate; nothing is sent until a person decides (README, "Inviting
-- candidates"). A row that JobMojito refused ("Error: ...") is deleted, so the next sighting tries again.
CREATE TABLE invitation_ledger (
    external_id     VARCHAR(500)  NOT NULL,             -- <source>:<application id>, as sent to JobMojito
    interview_id    VARCHAR(100)  NOT NULL,             -- the posting's interview_def_set_id
    source          VARCHAR(200)  NOT NULL,             -- the candidate mapping's source (the ATS)
    application_id  VARCHAR(300)  NOT NULL,
    posting_key     VARCHAR(600)  NOT NULL,             -- the posting's ledger key (posting_ledger)
    status          VARCHAR(20)   NOT NULL,             -- in_flight, invited, needs_person
    attempts        INTEGER       NOT NULL DEFAULT 0,   -- register-users calls that carried this application
    in_flight_since TIMESTAMP WITH TIME ZONE,           -- set while a call may have registered the candidate
    invited_at      TIMESTAMP WITH TIME ZONE,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    note            VARCHAR(1000),                      -- why (adopted after a lost answer, needs a person)
    PRIMARY KEY (external_id, interview_id)
);
CREATE INDEX invitation_ledger_status ON invitation_ledger (status);
