package dev.jobmojito.connector.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Ledger databases for tests that need the connector's tables without starting the application. */
public final class TestLedgers {

    private TestLedgers() {
    }

    /** A new in-memory H2 database (lives until the JVM ends) migrated by the shipped Flyway migrations. */
    public static DataSource h2() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:ledger-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        return h2;
    }
}
