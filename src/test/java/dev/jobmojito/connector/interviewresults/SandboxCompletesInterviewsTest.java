package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.sandbox.JobMojitoSandbox;
import dev.jobmojito.connector.support.Folders;
import dev.jobmojito.connector.sync.Ledger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded sandbox closes the loop: it completes an interview after a short delay and calls the connector's
 * webhook with the documented payload and header; a result whose delivery got lost is listed at
 * {@code GET /merchant-result-list}, where the reconciliation finds it. The connector runs as a service on the
 * sandbox (no JOBMOJITO_BASE_URL); the write-back side is stood in.
 */
@SpringBootTest(classes = {ConnectorApplication.class, SandboxCompletesInterviewsTest.WriteBack.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.run-controller=false",
                "connector.interview-results.writeback-endpoint=direct:ats-writeback-stand-in"})
class SandboxCompletesInterviewsTest {

    @TempDir
    static Path work;

    static final List<InterviewResult> WRITES = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    JobMojitoEndpoint endpoint;

    @Autowired
    Ledger ledger;

    @TestConfiguration
    static class WriteBack {
        @Bean
        RouteBuilder atsWriteBackStandIn() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:ats-writeback-stand-in").routeId("ats-writeback-stand-in").process(exchange -> {
                        InterviewResult result = exchange.getIn().getBody(InterviewResult.class);
                        WRITES.add(result);
                        exchange.getIn().setBody(new JobResult(JobStatus.WRITTEN, result.applicationId(), null,
                                result.interviewId(), List.of(), new JobSource(ResultProcessing.ROUTE,
                                "result " + result.resultId(), null, null), null, null, 200, 1, Instant.now()));
                    });
                }
            };
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("connector.interview-results.webhook-secret", () -> ResultWebhooks.SECRET);
        registry.add("connector.interview-results.process-interval", () -> "100ms");
        registry.add("connector.interview-results.reconcile-interval", () -> "1s");
    }

    private static ObjectNode user(String externalId) {
        ObjectNode user = Json.object();
        user.put("name", "Ola Testkandidat");
        user.put("email", "ola.testkandidat@example.invalid");
        user.put("external_id", externalId);
        return user;
    }

    @Test
    void theSandboxCompletesAnInterviewCallsTheWebhookAndListsWhatTheWebhookMissed() {
        JobMojitoSandbox sandbox = endpoint.sandbox();
        assertThat(sandbox).isNotNull();
        String interview = UUID.randomUUID().toString();
        ledger.insertInFlight("csv", "job-7", "Night nurse", "0".repeat(64), "{}", Instant.now());
        ledger.recordCreatedFromInFlight(Ledger.key("csv", "job-7"), interview, Instant.now());

        sandbox.sendResultsTo("http://127.0.0.1:" + port + "/webhooks/jobmojito", ResultWebhooks.HEADER,
                ResultWebhooks.SECRET, Duration.ofMillis(200));
        sandbox.completeLater(interview, user("csv:app-71"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> WRITES.size() == 1);
        InterviewResult written = WRITES.get(0);
        assertThat(written.source()).isEqualTo("csv");
        assertThat(written.applicationId()).isEqualTo("app-71");
        assertThat(written.postingKey()).isEqualTo("csv:job-7");
        assertThat(written.payload().path("score").asInt()).isBetween(60, 95);

        // a delivery that does not arrive (wrong URL): the reconciliation finds the result in the list
        sandbox.sendResultsTo("http://127.0.0.1:" + port + "/webhooks/nowhere", ResultWebhooks.HEADER,
                ResultWebhooks.SECRET, Duration.ofMillis(10));
        sandbox.completeLater(interview, user("csv:app-72"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> WRITES.size() == 2);
        assertThat(WRITES.get(1).applicationId()).isEqualTo("app-72");
        assertThat(sandbox.results()).hasSize(2);
    }
}
