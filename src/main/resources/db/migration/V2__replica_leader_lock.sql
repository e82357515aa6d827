-- Several replicas on one database: the lock of the replica that runs the polls, the SFTP pull and the drop
-- folder (Spring Integration's JdbcLockRegistry, its table as Spring Integration ships it for H2 and PostgreSQL).
CREATE TABLE IF NOT EXISTS INT_LOCK (
    LOCK_KEY     CHAR(36)     NOT NULL,
    REGION       VARCHAR(100) NOT NULL,
    CLIENT_ID    CHAR(36),
    CREATED_DATE TIMESTAMP    NOT NULL,
    EXPIRED_AFTER TIMESTAMP   NOT NULL,
    CONSTRAINT INT_LOCK_PK PRIMARY KEY (LOCK_KEY, REGION)
);
