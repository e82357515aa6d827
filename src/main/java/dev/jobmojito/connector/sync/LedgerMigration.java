package dev.jobmojito.connector.sync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Runs Flyway's migration of the ledger one starter at a time. Flyway locks its history table while it migrates,
 * but with {@code baseline-on-migrate} (kept so a ledger made before Flyway keeps its rows) its first look is
 * unlocked: a replica that finds no history table, then finds the schema not empty because another replica has
 * just created that table, tries to baseline it and fails ("Unable to baseline schema history table ... as it
 * already exists, and is empty"; Flyway issue 2243, seen with three replicas starting on an empty PostgreSQL).
 * On PostgreSQL the whole migration therefore runs under a session advisory lock, held on one connection of the
 * ledger's pool and released when the migration ends (or when the connection drops with a dead replica); other
 * databases are migrated directly (the embedded H2 file is opened by one process only).
 */
public final class LedgerMigration {

    /** The advisory lock's key: "JMledger" in ASCII, apart from Flyway's own keys (hashes of table names). */
    public static final long LOCK_KEY = 0x4a4d_6c65_6467_6572L;

    private LedgerMigration() {
    }

    /**
     * Migrates the ledger; on PostgreSQL waits first, without a time limit, until no other starter migrates.
     *
     * @param flyway     the configured migration ({@code spring.flyway.*})
     * @param dataSource the ledger's database, used for the lock's connection only
     * @return Flyway's result
     * @throws SQLException when the lock's connection cannot be had or the lock cannot be taken
     * @throws org.flywaydb.core.api.FlywayException when the migration fails
     */
    public static MigrateResult migrate(Flyway flyway, DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                return flyway.migrate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            }
            try {
                return flyway.migrate();
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
                }
            }
        }
    }
}
