package dev.jobmojito.connector.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.TestLedgers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook outbox as a table every replica drains: a result held by one delivery is skipped by every other
 * (SELECT ... FOR UPDATE SKIP LOCKED) and comes back, with its message id, when that delivery dies without an
 * answer; the outbox and refused-result files of the previous version are imported once, in order, with their ids.
 */
class WebhookOutboxTest {

    @TempDir
    Path state;

    private final JdbcTemplate ledger = new JdbcTemplate(TestLedgers.h2());
    private final WebhookOutbox outbox = new WebhookOutbox(ledger.getDataSource(), Clock.systemUTC());

    @Test
    void aResultHeldByOneDeliveryIsSkippedByOthersAndComesBackWhenThatDeliveryDies() {
        queue("first");
        queue("second");

        WebhookOutbox.Claim a = outbox.claim().orElseThrow();
        WebhookOutbox.Claim b = outbox.claim().orElseThrow();
        assertThat(a.body()).contains("\"first\"");
        assertThat(b.body()).as("the held row is skipped, not waited for").contains("\"second\"");
        assertThat(outbox.claim()).as("both held").isEmpty();

        String id = a.webhookId();
        a.close();
        b.delivered();

        WebhookOutbox.Claim again = outbox.claim().orElseThrow();
        assertThat(again.webhookId()).as("same message id on the next attempt").isEqualTo(id);
        assertThat(again.body()).contains("\"first\"");
        again.delivered();
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void filesOfThePreviousVersionAreImportedOnceInOrderWithTheirIdsAndMovedAside() throws Exception {
        Path folder = Files.createDirectories(state.resolve("webhook-outbox"));
        Files.writeString(folder.resolve("20261129-101500-000-00000002-msg_bbbb.json"), "{\"code\":\"older-2\"}");
        Files.writeString(folder.resolve("20261129-101500-000-00000001-msg_aaaa.json"), "{\"code\":\"older-1\"}");
        Files.writeString(folder.resolve(".20261129-101500-000-00000003-msg_cccc.json.tmp"), "{\"code\":\"half\"}");
        Path refused = Files.createDirectories(state.resolve("webhook-dead-letters"));
        Files.writeString(refused.resolve("20261129-101400-000-00000009-msg_dddd.json"),
                "{\"webhook_id\":\"msg_dddd\",\"http_status\":422,\"result\":{\"code\":\"refused\"}}");
        Files.writeString(refused.resolve("broken.json"), "{\"webhook_id\":");

        assertThat(outbox.importFiles(state)).isEqualTo(3);

        assertThat(ledger.queryForList("SELECT webhook_id FROM webhook_outbox ORDER BY id", String.class))
                .containsExactly("msg_aaaa", "msg_bbbb");
        assertThat(outbox.refused()).isOne();
        try (var left = Files.list(folder)) {
            assertThat(left).as("a file half written by the previous version stays").hasSize(1);
        }
        assertThat(refused.resolve("broken.json")).as("not JSON: left where it is").exists();
        assertThat(state.resolve("imported-to-database/webhook-outbox/20261129-101500-000-00000001-msg_aaaa.json"))
                .hasContent("{\"code\":\"older-1\"}");
        assertThat(state.resolve("imported-to-database/webhook-dead-letters")).isDirectoryContaining(
                p -> p.getFileName().toString().endsWith("msg_dddd.json"));

        // a start that stopped after committing a row and before moving its file: the file is only moved
        Files.copy(state.resolve("imported-to-database/webhook-outbox/20261129-101500-000-00000001-msg_aaaa.json"),
                folder.resolve("20261129-101500-000-00000001-msg_aaaa.json"));
        assertThat(outbox.importFiles(state)).isOne();
        assertThat(outbox.pending()).isEqualTo(2);
        assertThat(outbox.importFiles(state)).isZero();

        WebhookOutbox.Claim oldest = outbox.claim().orElseThrow();
        assertThat(oldest.webhookId()).isEqualTo("msg_aaaa");
        assertThat(oldest.body()).isEqualTo("{\"code\":\"older-1\"}");
        oldest.close();
    }

    @Test
    void resultsQueuedTogetherAreEachAMessageOfItsOwnInOrder() {
        queue("before");
        outbox.acceptAll(List.of(result("a"), result("b"), result("c")));
        outbox.acceptAll(List.of());

        List<String> bodies = ledger.queryForList("SELECT body FROM webhook_outbox ORDER BY id", String.class);
        assertThat(bodies).hasSize(4);
        assertThat(bodies.get(1)).contains("\"code\":\"a\"");
        assertThat(bodies.get(3)).contains("\"code\":\"c\"");
        assertThat(ledger.queryForList("SELECT DISTINCT webhook_id FROM webhook_outbox", String.class))
                .as("one message id each").hasSize(4);
    }

    private void queue(String code) {
        outbox.accept(result(code));
    }

    private static JobResult result(String code) {
        return new JobResult(JobStatus.CREATED, code, "Role", "i-1", List.of(),
                new JobSource("inbox", "greenhouse/jobs.json", 0, null), "greenhouse", null, 200, 1, Instant.now());
    }
}
