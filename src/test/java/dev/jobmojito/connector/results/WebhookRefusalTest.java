package dev.jobmojito.connector.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.TestLedgers;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A result the webhook receiver refuses for good (400, 404, 410, 422...) is parked with the receiver's answer
 * (a dead letter of kind {@code webhook}) and never holds back the results after it; a result it refuses for now
 * (429, 503) still waits in order. A route test on a bare Camel context and an H2 ledger database: no
 * application is started.
 */
class WebhookRefusalTest {

    private final MockWebServer receiver = new MockWebServer();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private DefaultCamelContext camel;
    private JdbcTemplate ledger;
    private WebhookOutbox outbox;
    private WebhookSender sender;
    private org.apache.camel.ProducerTemplate rounds;

    @BeforeEach
    void start() throws Exception {
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String code = read(request.getBody().utf8()).get("code").asText();
                return switch (code) {
                    case "refused" -> new MockResponse.Builder().code(422).body("{\"error\":\"unknown field\"}").build();
                    case "busy" -> new MockResponse.Builder().code(429).build();
                    default -> {
                        accepted.add(code);
                        yield new MockResponse.Builder().code(204).build();
                    }
                };
            }
        });
        receiver.start(InetAddress.getLoopbackAddress(), 0);
        ledger = new JdbcTemplate(TestLedgers.h2());
        outbox = new WebhookOutbox(ledger.getDataSource(), Clock.systemUTC());
        camel = new DefaultCamelContext();
        sender = new WebhookSender(outbox, new StandardWebhooks("secret-text"), Duration.ofMillis(10),
                Clock.systemUTC());
        camel.addRoutes(new ResultRoutes(sender, "http://127.0.0.1:" + receiver.getPort() + "/hook",
                Duration.ofSeconds(5)));
        camel.start();
        // the rounds are started by the test, not by the route's timer
        camel.getRouteController().stopRoute("results-webhook");
        rounds = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        receiver.close();
    }

    @Test
    void aRefusedResultIsParkedWithTheAnswerAndTheResultsAfterItGoOn() throws IOException {
        queue("first");
        queue("refused");
        queue("third");

        rounds.sendBody("direct:results-webhook-round", null);

        assertThat(accepted).containsExactly("first", "third");
        assertThat(sender.pending()).isZero();
        List<String> letters = ledger.queryForList("SELECT letter FROM dead_letter WHERE kind = 'webhook'",
                String.class);
        assertThat(letters).hasSize(1);
        JsonNode letter = read(letters.get(0));
        assertThat(letter.get("http_status").asInt()).isEqualTo(422);
        assertThat(letter.get("answer").asText()).contains("unknown field");
        assertThat(letter.get("result").get("code").asText()).isEqualTo("refused");
        assertThat(letter.get("webhook_id").asText()).startsWith("msg_");
        assertThat(outbox.refused()).isOne();
    }

    @Test
    void aResultRefusedForNowStillHoldsItsPlace() {
        queue("busy");
        queue("second");

        rounds.sendBody("direct:results-webhook-round", null);

        assertThat(accepted).isEmpty();
        assertThat(sender.pending()).isEqualTo(2);
        assertThat(outbox.refused()).isZero();
        assertThat(ledger.queryForList("SELECT attempts FROM webhook_outbox ORDER BY id", Integer.class))
                .as("the failure is noted on the result that got it").containsExactly(1, 0);
    }

    private void queue(String code) {
        outbox.accept(new JobResult(JobStatus.CREATED, code, "Role", "i-1", List.of(),
                new JobSource("inbox", "greenhouse/jobs.json", 0, null), "greenhouse", null, 200, 1, Instant.now()));
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
