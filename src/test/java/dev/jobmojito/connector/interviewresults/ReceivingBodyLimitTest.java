package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.Folders;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The receiving endpoint caps the request body (CONNECTOR_INTERVIEW_RESULTS_MAX_BODY_SIZE, 1 MB by default) before
 * the secret check reads it: a larger body gets 413 whatever its secret, with or without a Content-Length, and
 * nothing is stored; a body within the cap goes on to the check and the store as before.
 */
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camel.main.run-controller=false")
class ReceivingBodyLimitTest {

    private static final int ONE_MB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;

    @LocalServerPort
    int port;

    @Autowired
    ReceivedResults store;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("connector.writeback.folder", () -> work.resolve("notes").toString());
        registry.add("connector.interview-results.webhook-secret", () -> ResultWebhooks.SECRET);
        registry.add("connector.interview-results.reconcile-interval", () -> "0");
    }

    @Test
    void aBodyOverTheCapIs413BeforeTheSecretIsCheckedAndNothingIsStored() throws Exception {
        long before = store.size();
        // a result payload padded past 1 MB: valid JSON, right secret, still too large
        String large = padded(ONE_MB + 1);

        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofString(large), ResultWebhooks.SECRET);
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).isEqualTo("{\"outcome\":\"too_large\"}");

        // the cap comes first: a wrong secret is not even looked at
        assertThat(post(HttpRequest.BodyPublishers.ofString(large), "wrong-secret").statusCode()).isEqualTo(413);

        // no Content-Length (chunked): read up to the cap, then refused
        byte[] chunked = padded(ONE_MB + ONE_MB / 2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(chunked)), ResultWebhooks.SECRET);
        assertThat(streamed.statusCode()).isEqualTo(413);

        assertThat(store.size()).isEqualTo(before);
        assertThat(meters.counter("connector.interview.results.received", "outcome", "too_large").count())
                .isEqualTo(3.0);
    }

    @Test
    void aBodyWithinTheCapIsCheckedAndStoredWithOrWithoutAContentLength() throws Exception {
        String small = Json.write(ResultWebhooks.result(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "csv:app-1", 77));
        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofString(small), ResultWebhooks.SECRET);
        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(declared.body()).contains("stored");

        byte[] another = Json.write(ResultWebhooks.result(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "csv:app-2", 78)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> streamed = post(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(another)), ResultWebhooks.SECRET);
        assertThat(streamed.statusCode()).isEqualTo(200);
        assertThat(streamed.body()).contains("stored");

        // exactly at the cap is still taken as far as the cap goes: the secret check answers
        assertThat(post(HttpRequest.BodyPublishers.ofString(padded(ONE_MB)), "wrong-secret").statusCode())
                .isEqualTo(401);
    }

    /** A result payload with an unknown field that pads it to exactly {@code size} bytes. */
    private static String padded(int size) {
        String payload = Json.write(ResultWebhooks.result(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                "csv:app-9", 50));
        String head = payload.substring(0, payload.length() - 1) + ",\"padding\":\"";
        int fill = size - head.length() - 2;
        char[] pad = new char[fill];
        Arrays.fill(pad, 'x');
        return head + new String(pad) + "\"}";
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, String secret) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/jobmojito"))
                .header("Content-Type", "application/json").header(ResultWebhooks.HEADER, secret).POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
