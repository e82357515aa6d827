package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.jobmojito.connector.support.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two replicas (two ledgers, each on a pool of its own) sharing one real PostgreSQL: a posting one of them is
 * syncing is claimed in the database, so the other waits for it and then reads what the first recorded; other
 * postings never wait; a replica whose connection dies releases its claims at once.
 */
class PostingClaimsTest {

    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<HikariDataSource> pools = new ArrayList<>();
    private String url;
    private JdbcTemplate observer;

    @BeforeEach
    void start() {
        url = TestPostgres.newDatabase();
        Flyway.configure().dataSource(TestPostgres.dataSource(url)).locations("classpath:db/migration")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        observer = new JdbcTemplate(TestPostgres.dataSource(url));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        pools.forEach(HikariDataSource::close);
    }

    private Ledger replica() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("postgres");
        pools.add(pool);
        return new Ledger(pool);
    }

    @Test
    void aPostingClaimedByOneReplicaWaitsOnTheOtherUntilTheFirstHasRecordedItsAnswer() throws Exception {
        Ledger a = replica();
        Ledger b = replica();
        assertThat(a.claimsAcrossReplicas()).isTrue();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> a.claimed("greenhouse:1", () -> {
            holding.countDown();
            await(release);
            a.insertInFlight("greenhouse", "1", "Role", "hash", "{}", java.time.Instant.now());
            a.recordCreatedFromInFlight("greenhouse:1", "interview-1", java.time.Instant.now());
            return null;
        }), threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> b.claimed("greenhouse:1",
                () -> b.find("greenhouse:1").map(LedgerEntry::interviewId).orElse("none")), threads);
        // the second replica is waiting in PostgreSQL for the first one's claim
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::waitingClaims, n -> n == 1);
        // another posting is not held up meanwhile
        assertThat(b.claimed("greenhouse:2", () -> "free")).isEqualTo("free");
        assertThat(second).isNotDone();

        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(second.get(10, TimeUnit.SECONDS)).as("it reads what the first recorded").isEqualTo("interview-1");
        assertThat(heldClaims()).as("no claim outlives its sync").isZero();
    }

    @Test
    void aReplicaThatDiesReleasesItsClaimsAtOnce() throws Exception {
        Ledger a = replica();
        Ledger b = replica();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicLong backend = new AtomicLong();
        CompletableFuture.runAsync(() -> a.claimed("lever:x", () -> {
            holding.countDown();
            await(new CountDownLatch(1)); // never released: the replica dies holding it
            return null;
        }), threads);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::heldClaims, n -> n == 1);
        backend.set(observer.queryForObject("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted",
                Long.class));

        // its connection is gone, as when the process is killed
        observer.queryForObject("SELECT pg_terminate_backend(CAST(? AS INTEGER))", Boolean.class, backend.get());

        assertThat(CompletableFuture.supplyAsync(() -> b.claimed("lever:x", () -> "taken over"), threads)
                .get(10, TimeUnit.SECONDS)).isEqualTo("taken over");
    }

    private int waitingClaims() {
        return observer.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
                Integer.class);
    }

    private int heldClaims() {
        return observer.queryForObject("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND granted",
                Integer.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
