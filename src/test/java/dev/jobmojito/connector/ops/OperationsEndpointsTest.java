package dev.jobmojito.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service as an operator sees it: health with its parts, readiness that follows the token,
 * Prometheus metrics of jobs and calls, and nothing else exposed.
 */
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.run-controller=false", "server.address=127.0.0.1"})
class OperationsEndpointsTest {

    @TempDir
    static Path work;

    static final JobMojitoStandIn JOBMOJITO = new JobMojitoStandIn();

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        JOBMOJITO.close();
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> dev.jobmojito.connector.support.Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("jobmojito.base-url", JOBMOJITO::baseUrl);
        registry.add("jobmojito.api-token", () -> Secrets.TOKEN);
        registry.add("jobmojito.interview-template-id", () -> "t-1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void drop(String name, String content) throws IOException {
        Path folder = Files.createDirectories(work.resolve("inbox/greenhouse"));
        Files.writeString(folder.resolve("." + name), content);
        Files.move(folder.resolve("." + name), folder.resolve(name));
    }

    @Test
    void healthMetricsAndReadinessTellAnOperatorWhatIsGoingOn() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        JsonNode components = Json.MAPPER.readTree(health.body()).get("components");
        assertThat(components.has("routes")).isTrue();
        assertThat(components.at("/routes/details/inbox").asText()).isEqualTo("Started");
        assertThat(components.at("/jobmojito/status").asText()).isEqualTo("UP");
        assertThat(components.at("/deadLetters/details/count").asInt()).isZero();
        assertThat(components.has("sources")).isTrue();
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);

        drop("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/prometheus").body())
                        .contains("connector_jobs_total{mapping=\"greenhouse\",route=\"inbox\",status=\"created\"} 4.0"));
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("connector_jobmojito_requests_seconds_count{endpoint=\"/job-interview-create-from-array\",outcome=\"2xx\"} 4",
                "connector_jobmojito_requests_seconds_bucket", "connector_ledger_postings 4.0",
                "connector_dead_letters 0.0", "connector_jobmojito_in_flight 0.0");
        assertThat(metrics).doesNotContain(Secrets.TOKEN);

        // the token is refused: readiness goes down and says why
        JOBMOJITO.answer(request -> JobMojitoStandIn.json(401, "{\"error\":\"expired\"}"));
        drop("more.json", """
                {"jobs": [{"id": 99, "title": "Porter", "location": {"name": "Oslo"}, "content": "x"}]}""");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));
        JsonNode down = Json.MAPPER.readTree(get("/actuator/health").body()).get("components");
        assertThat(down.at("/jobmojito/details/token").asText()).isEqualTo("refused");
        assertThat(down.at("/jobmojito/details/reason").asText()).contains("401");
        assertThat(get("/actuator/health").body()).doesNotContain(Secrets.TOKEN);
    }
}
