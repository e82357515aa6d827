package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * On the embedded H2 ledger the answer to a create is written with others ({@link Ledger#deferCreated}), since
 * each commit there is written to the file under one lock: this ledger never reads its own entries without the
 * waiting answers, another write to the same posting goes after its answer, and what nobody reads is on disk
 * within the wait, or when the ledger closes. The in-flight mark before the call is written at once.
 */
class DeferredAnswersTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    private DataSource h2;
    private Ledger ledger;
    private final AtomicInteger codes = new AtomicInteger();

    @BeforeEach
    void start() {
        h2 = new DriverManagerDataSource("jdbc:h2:mem:deferred-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa",
                "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        ledger = new Ledger(h2);
    }

    /** What the database holds for the posting, read past the ledger. */
    private String stored(String key) {
        return new JdbcTemplate(h2).queryForObject("SELECT status || '/' || COALESCE(interview_id, '-') FROM "
                + "posting_ledger WHERE posting_key = ?", String.class, key);
    }

    private String sentAndAnswered() {
        String code = "job-" + codes.incrementAndGet();
        ledger.insertInFlight("greenhouse", code, "Role", "0".repeat(64), "{}", NOW);
        String key = Ledger.key("greenhouse", code);
        assertThat(stored(key)).as("the in-flight mark is on disk before the call").isEqualTo("in_flight/-");
        ledger.deferCreated(key, "interview-" + code, NOW);
        return key;
    }

    @Test
    void theLedgerReadsItsOwnWaitingAnswers() {
        String key = sentAndAnswered();
        assertThat(ledger.find(key)).get().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(LedgerStatus.CREATED);
            assertThat(entry.interviewId()).isEqualTo("interview-job-1");
        });
        assertThat(ledger.inFlight()).isEmpty();
        assertThat(stored(key)).isEqualTo("created/interview-job-1");
    }

    @Test
    void aWaitingAnswerIsOnDiskWithinTheWaitThoughNobodyReadsIt() {
        String key = sentAndAnswered();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stored(key).equals("created/interview-job-1"));
    }

    @Test
    void aFullBatchIsWrittenByTheJobThatFillsItAndTheRestWhenTheLedgerCloses() {
        String[] keys = new String[Ledger.CREATED_BATCH + 3];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = sentAndAnswered();
        }
        // the batch went when it filled; the three after it may still wait, until the ledger closes at the latest
        for (int i = 0; i < Ledger.CREATED_BATCH; i++) {
            assertThat(stored(keys[i])).startsWith("created/");
        }
        ledger.close();
        for (String key : keys) {
            assertThat(stored(key)).startsWith("created/");
        }
    }

    @Test
    void anotherWriteToThePostingGoesAfterItsWaitingAnswer() {
        String key = sentAndAnswered();
        // replaced on purpose (CONNECTOR_SYNC_ON_CHANGE=create): a new create in flight for the same posting
        ledger.markInFlight("greenhouse", "job-1", "Role", "1".repeat(64), "{}", NOW.plusSeconds(60));
        // the old answer was written first, then replaced: it can never land on the new in-flight entry
        assertThat(stored(key)).isEqualTo("in_flight/-");
        ledger.close();
        assertThat(stored(key)).isEqualTo("in_flight/-");
    }
}
