-- The drop folder's file claims when replicas share it (a shared volume): Camel's JDBC idempotent repository
-- (JdbcOrphanLockAwareIdempotentRepository, camel-sql) keeps a row per file being read, keyed by its path under
-- the inbox; the replica reading it refreshes created_at while it works, and a row older than
-- CONNECTOR_LEADER_TIMEOUT is an orphan of a replica that died, which another replica may take over.
-- The column names are the ones camel-sql queries; the key is wider than its default 100 characters.
CREATE TABLE inbox_file_claim (
    processorName VARCHAR(255)  NOT NULL,
    messageId     VARCHAR(1000) NOT NULL,
    createdAt     TIMESTAMP     NOT NULL,
    PRIMARY KEY (processorName, messageId)
);
