package dev.jobmojito.connector.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.util.Collections;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running service as an operator sees it: on loopback only by default, health status (details only to an
 * authorized caller, so to nobody over plain HTTP), readiness that follows the token, Prometheus metrics of jobs
 * and calls, and nothing else exposed. The health parts themselves are read from their beans, as an authorized
 * caller would see them.
 */
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.run-controller=false"})
class OperationsEndpointsTest {

    @TempDir
    static Path work;

    static final JobMojitoStandIn JOBMOJITO = new JobMojitoStandIn();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    @Qualifier("routesHealthIndicator")
    HealthIndicator routesHealth;

    @Autowired
    @Qualifier("jobmojitoHealthIndicator")
    HealthIndicator jobMojitoHealth;

    @Autowired
    @Qualifier("deadLettersHealthIndicator")
    HealthIndicator deadLettersHealth;

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
    void healthShowsStrangersTheStatusOnlyAndTheServiceListensOnLoopback() throws Exception {
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        HttpResponse<String> health = get("/actuator/health");
        JsonNode body = Json.MAPPER.readTree(health.body());
        // UP, or DOWN once the other test had the token refused: either way the status alone
        assertThat(body.path("status").asText()).isIn("UP", "DOWN");
        assertThat(body.has("components")).as(health.body()).isFalse();
        assertThat(body.has("details")).as(health.body()).isFalse();
        assertThat(health.body()).doesNotContain(JOBMOJITO.baseUrl(), work.toString(), "Started");
        assertThat(get("/actuator/health/jobmojito").body()).doesNotContain("baseUrl", "token");
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
        // nothing answers on the machine's other addresses
        InetAddress outward = outwardAddress();
        if (outward != null) {
            assertThatThrownBy(() -> new Socket(outward, port).close()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void healthMetricsAndReadinessTellAnOperatorWhatIsGoingOn() throws Exception {
        assertThat(routesHealth.health().getDetails().get("inbox")).isEqualTo("Started");
        assertThat(jobMojitoHealth.health().getStatus().getCode()).isEqualTo("UP");
        assertThat(deadLettersHealth.health().getDetails().get("count")).isEqualTo(0L);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);

        drop("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/prometheus").body())
                        .contains("connector_jobs_total{mapping=\"greenhouse\",route=\"inbox\",status=\"created\"} 4.0"));
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("connector_jobmojito_requests_seconds_count{endpoint=\"/job-interview-create-from-array\",outcome=\"2xx\"} 4",
                "connector_jobmojito_requests_seconds_bucket", "connector_ledger_postings 4.0",
                "connector_dead_letters 0.0", "connector_jobmojito_in_flight 0.0");
        assertThat(metrics).doesNotContain(Secrets.TOKEN);

        // the token is refused: readiness goes down, and the health part says why
        JOBMOJITO.answer(request -> JobMojitoStandIn.json(401, "{\"error\":\"expired\"}"));
        drop("more.json", """
                {"jobs": [{"id": 99, "title": "Porter", "location": {"name": "Oslo"}, "content": "x"}]}""");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));
        Health down = jobMojitoHealth.health();
        assertThat(down.getDetails().get("token")).isEqualTo("refused");
        assertThat(down.getDetails().get("reason").toString()).contains("401");
        assertThat(down.toString()).doesNotContain(Secrets.TOKEN);
        assertThat(get("/actuator/health").body()).doesNotContain(Secrets.TOKEN, "401").contains("DOWN");
    }

    /** A non-loopback address of this machine, or null when it has none. */
    private static InetAddress outwardAddress() throws IOException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return null;
    }
}
