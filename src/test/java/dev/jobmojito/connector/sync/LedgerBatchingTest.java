package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A re-sync that finds nothing changed costs the ledger a query per source, not statements per posting: the
 * unchanged postings are known from one read-ahead and nothing is written for them (which postings a poll still
 * holds is kept by the poll). An entry the ledger wrote since its read-ahead is never answered from it.
 */
class LedgerBatchingTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    /** A content hash as the ledger keeps them (SHA-256, 64 hex digits). */
    private static String hash(Object content) {
        return SyncDelivery.sha256(String.valueOf(content));
    }

    private final AtomicInteger statements = new AtomicInteger();
    private Ledger ledger;

    @BeforeEach
    void start() {
        DataSource h2 = new DriverManagerDataSource("jdbc:h2:mem:batching-" + System.nanoTime()
                + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        ledger = new Ledger(new DelegatingDataSource(h2) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().startsWith("prepare") || method.getName().equals("createStatement")) {
                                statements.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        });
        // sent by an earlier run
        Ledger earlier = new Ledger(h2);
        for (int i = 0; i < 1_000; i++) {
            earlier.insertInFlight("greenhouse", "" + i, "Role " + i, hash(i), "{}", NOW);
            earlier.recordCreatedFromInFlight(Ledger.key("greenhouse", "" + i), "interview-" + i, NOW);
        }
    }

    @Test
    void unchangedPostingsAreKnownFromOneReadAheadAndCostNoWrite() {
        statements.set(0);
        for (int i = 0; i < 1_000; i++) {
            String key = Ledger.key("greenhouse", "" + i);
            assertThat(ledger.findUnchanged("greenhouse", key, hash(i))).get()
                    .satisfies(entry -> assertThat(entry.interviewId()).startsWith("interview-"));
        }
        // one read-ahead (a count and a select), and nothing written for postings that did not change
        assertThat(statements.get()).isLessThanOrEqualTo(2);

        // what a complete poll closes is what it did not hold, from one query of the source's open entries
        assertThat(ledger.open("greenhouse")).hasSize(1_000);
    }

    @Test
    void aChangedOrUnknownPostingIsNotAnsweredFromTheReadAhead() {
        String key = Ledger.key("greenhouse", "7");
        assertThat(ledger.findUnchanged("greenhouse", key, hash(7))).isPresent();
        assertThat(ledger.findUnchanged("greenhouse", key, hash("other"))).isEmpty();
        assertThat(ledger.findUnchanged("greenhouse", Ledger.key("greenhouse", "new"), hash("new"))).isEmpty();

        // written by this ledger since the read-ahead: the caller must claim and read it
        ledger.recordUpdated(key, "interview-7", "Role 7", hash("7b"), "{}", NOW);
        assertThat(ledger.findUnchanged("greenhouse", key, hash(7))).isEmpty();
        assertThat(ledger.findUnchanged("greenhouse", key, hash("7b"))).isEmpty();
        ledger.recordClosed(Ledger.key("greenhouse", "8"), NOW);
        assertThat(ledger.findUnchanged("greenhouse", Ledger.key("greenhouse", "8"), hash(8))).isEmpty();
    }
}
