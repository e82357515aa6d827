package dev.jobmojito.connector.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Results go to a webhook as well as to the file, signed the Standard Webhooks way; while the receiver is down
 * they wait in the ledger database's outbox, and every one of them arrives, once, when it is back.
 */
@SpringBootTest(classes = ConnectorApplication.class, properties = "camel.main.run-controller=false")
class ResultWebhookServiceTest {

    /** whsec_ followed by base64 of the key bytes, as Standard Webhooks secrets are written. */
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "receiver-shared-key-0123456789ab".getBytes(StandardCharsets.UTF_8));

    @TempDir
    static Path work;

    @Autowired
    WebhookOutbox outbox;

    static final MockWebServer RECEIVER = new MockWebServer();
    static final AtomicBoolean RECEIVER_UP = new AtomicBoolean(false);
    static final AtomicInteger REFUSED = new AtomicInteger();
    static final List<RecordedRequest> DELIVERED = new CopyOnWriteArrayList<>();

    static {
        RECEIVER.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!RECEIVER_UP.get()) {
                    REFUSED.incrementAndGet();
                    return new MockResponse.Builder().code(503).build();
                }
                DELIVERED.add(request);
                return new MockResponse.Builder().code(204).build();
            }
        });
        try {
            RECEIVER.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> dev.jobmojito.connector.support.Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("jobmojito.base-url", () -> "");
        registry.add("connector.webhook.url", () -> "http://127.0.0.1:" + RECEIVER.getPort() + "/hooks/results");
        registry.add("connector.webhook.secret", () -> SECRET);
        registry.add("connector.webhook.retry-delay", () -> "200ms");
    }

    /** The receiver's side of Standard Webhooks, written from the specification, not from the connector. */
    private static boolean signatureIsValid(RecordedRequest request) throws Exception {
        String id = request.getHeaders().get("webhook-id");
        String timestamp = request.getHeaders().get("webhook-timestamp");
        String signatures = request.getHeaders().get("webhook-signature");
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(SECRET.substring("whsec_".length())), "HmacSHA256"));
        byte[] expected = mac.doFinal((id + "." + timestamp + "." + request.getBody().utf8())
                .getBytes(StandardCharsets.UTF_8));
        for (String signature : signatures.split(" ")) {
            String[] parts = signature.split(",", 2);
            if (parts[0].equals("v1") && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), expected)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void resultsWaitInTheOutboxWhileTheReceiverIsDownAndArriveSignedOnceItIsBack() throws Exception {
        Path drop = Files.createDirectories(work.resolve("inbox/greenhouse"));
        Files.copy(Path.of("samples/greenhouse/jobs.json"), drop.resolve(".jobs.json.part"));
        Files.move(drop.resolve(".jobs.json.part"), drop.resolve("jobs.json"));

        // all four results are decided and queued while every delivery is refused
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(REFUSED.get()).isPositive();
            assertThat(outbox.pending()).isEqualTo(4);
        });
        assertThat(DELIVERED).isEmpty();

        RECEIVER_UP.set(true);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(DELIVERED).hasSize(4));
        for (RecordedRequest delivery : DELIVERED) {
            assertThat(delivery.getUrl().encodedPath()).isEqualTo("/hooks/results");
            assertThat(signatureIsValid(delivery)).as("signature of %s", delivery.getHeaders().get("webhook-id"))
                    .isTrue();
            JsonNode result = Json.MAPPER.readTree(delivery.getBody().utf8());
            assertThat(result.get("status").asText()).isEqualTo("created");
        }
        assertThat(DELIVERED).extracting(r -> r.getHeaders().get("webhook-id")).doesNotHaveDuplicates();
        assertThat(DELIVERED).extracting(r -> Json.MAPPER.readTree(r.getBody().utf8()).get("code").asText())
                .containsExactlyInAnyOrder("4012001", "4012002", "4012003", "4012004");
        assertThat(outbox.pending()).isZero();
        // the file sink got them too
        try (var files = Files.list(work.resolve("results"))) {
            Path file = files.findFirst().orElseThrow();
            assertThat(Files.readAllLines(file)).hasSize(4);
        }
    }
}
