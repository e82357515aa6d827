package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.Folders;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import dev.jobmojito.connector.sync.Ledger;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
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
 * The receiving side as JobMojito meets it, on the running service: deliveries over loopback HTTP with the
 * custom header, the ledger's database (H2), the result sinks, and a stand-in for {@code direct:ats-writeback}
 * (owned by the write-back side) that counts the writes it is asked for.
 */
@SpringBootTest(classes = {ConnectorApplication.class, InterviewResultWebhookTest.WriteBack.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"camel.main.run-controller=false",
                "connector.interview-results.writeback-endpoint=direct:ats-writeback-stand-in"})
class InterviewResultWebhookTest {

    static final String PATH = "/webhooks/jobmojito";

    @TempDir
    static Path work;

    static final JobMojitoStandIn JOBMOJITO = new JobMojitoStandIn();
    /** What GET /merchant-result-list answers (the reconciliation's page). */
    static final List<ObjectNode> LISTED = new CopyOnWriteArrayList<>();
    /** Every write the stand-in write-back was asked for. */
    static final List<InterviewResult> WRITES = new CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    ReceivedResults store;

    @AfterAll
    static void stop() {
        JOBMOJITO.close();
    }

    /** The write-back side's route, stood in: every matched result is written (one note), answered written. */
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
                        ObjectNode detail = Json.object();
                        detail.put("result_id", result.resultId());
                        detail.put("application_id", result.applicationId());
                        exchange.getIn().setBody(new JobResult(JobStatus.WRITTEN, result.applicationId(), null,
                                result.interviewId(), List.of(), new JobSource("interview-results",
                                "result " + result.resultId(), null, null), null, null, 200, 1, Instant.now(),
                                "score " + result.payload().path("score").asText(), detail));
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
        registry.add("jobmojito.base-url", JOBMOJITO::baseUrl);
        registry.add("jobmojito.api-token", () -> Secrets.TOKEN);
        registry.add("jobmojito.interview-template-id", () -> "t-1");
        registry.add("connector.interview-results.webhook-secret", () -> ResultWebhooks.SECRET);
        registry.add("connector.interview-results.process-interval", () -> "100ms");
        registry.add("connector.interview-results.reconcile-interval", () -> "1s");
        JOBMOJITO.answer(request -> request.path().equals("/merchant-result-list")
                ? JobMojitoStandIn.json(200, page()) : null);
    }

    private static String page() {
        ObjectNode page = Json.object();
        page.putArray("data").addAll(new ArrayList<>(LISTED));
        ObjectNode pagination = page.putObject("pagination");
        pagination.put("total", LISTED.size());
        pagination.put("limit", 100);
        pagination.put("offset", 0);
        pagination.put("has_more", false);
        return Json.write(page);
    }

    /** A posting of the ledger with its interview, so a result of that interview is tied to it. */
    private String posting(String code) {
        String interviewId = UUID.randomUUID().toString();
        ledger.insertInFlight("lever", code, "Warehouse lead", "0".repeat(64), "{}", Instant.now());
        ledger.recordCreatedFromInFlight(Ledger.key("lever", code), interviewId, Instant.now());
        return interviewId;
    }

    private HttpResponse<String> deliver(ObjectNode payload) throws Exception {
        return ResultWebhooks.post(port, PATH, ResultWebhooks.SECRET, Json.write(payload));
    }

    private List<InterviewResult> writesOf(String resultId) {
        return WRITES.stream().filter(w -> w.resultId().equals(resultId)).toList();
    }

    private List<JsonNode> linesOf(String resultId) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        Path results = work.resolve("results");
        if (!Files.isDirectory(results)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    JsonNode json = Json.MAPPER.readTree(line);
                    if (resultId.equals(json.path("detail").path("result_id").asText())) {
                        lines.add(json);
                    }
                }
            }
        }
        return lines;
    }

    @Test
    void aDeliverySentTwiceIsWrittenOnceAndAChangedScoreIsWrittenAgain() throws Exception {
        String interview = posting("job-1");
        ObjectNode first = ResultWebhooks.result("res-twice", interview, "lever:app-100", 72);

        HttpResponse<String> answer = deliver(first);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("stored");
        // at least once: the same content again, the reason and key order changed
        ObjectNode again = first.deepCopy();
        again.put("reason", "pdf_export_url");
        HttpResponse<String> repeat = deliver(again);
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).contains("duplicate");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writesOf("res-twice").size() == 1);
        InterviewResult written = writesOf("res-twice").get(0);
        assertThat(written.source()).isEqualTo("lever");
        assertThat(written.applicationId()).isEqualTo("app-100");
        assertThat(written.postingKey()).isEqualTo("lever:job-1");
        assertThat(written.event()).isEqualTo("interview_result");
        assertThat(written.payload().path("candidate_name").asText()).isEqualTo("Ingrid Testperson");

        // a recruiter score changed: a new version, a second write, newest last
        ObjectNode rescored = first.deepCopy();
        rescored.put("score", 81);
        rescored.put("reason", "score");
        assertThat(deliver(rescored).body()).contains("stored");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writesOf("res-twice").size() == 2);
        assertThat(writesOf("res-twice").get(1).payload().path("score").asInt()).isEqualTo(81);
        assertThat(writesOf("res-twice").get(1).version()).isNotEqualTo(written.version());

        // and once more the first delivery, late: a duplicate of a stored version, nothing happens
        assertThat(deliver(first).body()).contains("duplicate");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> linesOf("res-twice").size() == 2);
        assertThat(store.pending()).isZero();
        assertThat(writesOf("res-twice")).hasSize(2);
        // result lines carry ids, never the candidate's name, email or phone
        for (JsonNode line : linesOf("res-twice")) {
            assertThat(line.path("status").asText()).isEqualTo("written");
            assertThat(line.toString()).doesNotContain("Ingrid", "example.invalid", "+47");
        }
    }

    @Test
    void anOlderVersionArrivingAfterANewerOneIsSkippedNotWritten() throws Exception {
        String interview = posting("job-2");
        ObjectNode older = ResultWebhooks.result("res-order", interview, "lever:app-200", 60);
        older.put("updated_at", "2026-11-30T10:00:00Z");
        ObjectNode newer = older.deepCopy();
        newer.put("score", 75);
        newer.put("recruiter_go_next_round", true);
        newer.put("updated_at", "2026-11-30T10:05:00Z");

        assertThat(deliver(newer).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writesOf("res-order").size() == 1);
        assertThat(deliver(older).body()).contains("stored");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> linesOf("res-order").size() == 2);
        assertThat(writesOf("res-order")).hasSize(1);
        assertThat(writesOf("res-order").get(0).payload().path("score").asInt()).isEqualTo(75);
        JsonNode skipped = linesOf("res-order").stream().filter(l -> l.path("status").asText().equals("skipped"))
                .findFirst().orElseThrow();
        assertThat(skipped.path("errors").get(0).asText())
                .isEqualTo("older than version " + writesOf("res-order").get(0).version());

        // the same two out of order without updated_at: progress decides (a draft is older than a submitted one)
        ObjectNode draft = ResultWebhooks.result("res-progress", interview, "lever:app-201", 0);
        draft.put("status", "draft");
        draft.put("processing_status", "processing");
        ObjectNode submitted = ResultWebhooks.result("res-progress", interview, "lever:app-201", 66);
        deliver(submitted);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> writesOf("res-progress").size() == 1);
        ObjectNode lateDraft = draft.deepCopy();
        // a draft is an interview_collected event, not processed by default: tell the endpoint it is a result
        HttpResponse<String> answer = ResultWebhooks.post(port, PATH + "?event=interview_result",
                ResultWebhooks.SECRET, Json.write(lateDraft));
        assertThat(answer.body()).contains("stored");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> linesOf("res-progress").size() == 2);
        assertThat(writesOf("res-progress")).hasSize(1);
    }

    @Test
    void aWrongOrMissingSecretIsRefusedWith401AndNothingIsStored() throws Exception {
        long before = store.size();
        ObjectNode payload = ResultWebhooks.result("res-forged", "i-x", "lever:app-300", 99);
        HttpResponse<String> wrong = ResultWebhooks.post(port, PATH, ResultWebhooks.SECRET + "x", Json.write(payload));
        HttpResponse<String> missing = ResultWebhooks.post(port, PATH, null, Json.write(payload));
        HttpResponse<String> prefix = ResultWebhooks.post(port, PATH, ResultWebhooks.SECRET.substring(0, 10),
                Json.write(payload));
        assertThat(List.of(wrong.statusCode(), missing.statusCode(), prefix.statusCode())).containsOnly(401);
        // nothing of the request comes back, the header least of all
        assertThat(wrong.headers().map().toString()).doesNotContain(ResultWebhooks.SECRET);
        assertThat(wrong.body()).doesNotContain("res-forged");
        assertThat(store.size()).isEqualTo(before);
        assertThat(linesOf("res-forged")).isEmpty();
        assertThat(HttpClientGet.get(port, "/actuator/prometheus"))
                .contains("connector_interview_results_received_total{outcome=\"unauthorized\"} 3.0",
                        "connector_interview_results_pending");
    }

    @Test
    void anEventNotConfiguredIsAcknowledgedAndDroppedAndABodyThatIsNoResultGets400() throws Exception {
        long before = store.size();
        ObjectNode failed = ResultWebhooks.result("res-failed", "i-f", "lever:app-400", 0);
        failed.put("interview_status", "abandoned");
        HttpResponse<String> ignored = deliver(failed);
        assertThat(ignored.statusCode()).isEqualTo(200);
        assertThat(ignored.body()).contains("ignored");
        HttpResponse<String> garbage = ResultWebhooks.post(port, PATH, ResultWebhooks.SECRET, "{\"score\": 1}");
        assertThat(garbage.statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = ResultWebhooks.post(port, PATH + "?event=interview_deleted%0Aforged",
                ResultWebhooks.SECRET, Json.write(failed));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(store.size()).isEqualTo(before);
    }

    @Test
    void theOlderEnvelopeIsReadAndAResultNamingNoApplicationIsKeptUnmatched() throws Exception {
        ObjectNode record = ResultWebhooks.result("res-unmatched", "i-unknown", null, 50);
        ObjectNode envelope = Json.object();
        envelope.put("table", "interview_result");
        envelope.put("schema", "public");
        envelope.set("record", record);
        record.put("pdf_export_valid_until", "2026-12-30T00:00:00Z");
        assertThat(ResultWebhooks.post(port, PATH, ResultWebhooks.SECRET, Json.write(envelope)).body())
                .contains("stored");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> linesOf("res-unmatched").size() == 1);
        JsonNode line = linesOf("res-unmatched").get(0);
        assertThat(line.path("status").asText()).isEqualTo("unmatched");
        assertThat(line.path("detail").path("interview_id").asText()).isEqualTo("i-unknown");
        assertThat(writesOf("res-unmatched")).isEmpty();
        assertThat(line.toString()).doesNotContain("Ingrid", "example.invalid");
    }

    @Test
    void aMissedWebhookIsFoundByTheReconciliation() throws Exception {
        String interview = posting("job-5");
        ObjectNode missed = ResultWebhooks.result("res-missed", interview, "lever:app-500", 88);
        missed.put("updated_at", Instant.now().toString());
        LISTED.add(missed);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writesOf("res-missed").size() == 1);
        assertThat(writesOf("res-missed").get(0).applicationId()).isEqualTo("app-500");
        // later passes find it again: a duplicate, not a second write; and the webhook arriving late is one too
        assertThat(deliver(missed).body()).contains("duplicate");
        long calls = JOBMOJITO.received().stream().filter(r -> r.path().equals("/merchant-result-list")).count();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> JOBMOJITO.received().stream()
                .filter(r -> r.path().equals("/merchant-result-list")).count() > calls + 1);
        assertThat(writesOf("res-missed")).hasSize(1);
        assertThat(store.watermark(ResultReconciliation.WATERMARK)).isPresent();
    }
}
