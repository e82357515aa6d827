package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import dev.jobmojito.connector.support.PublishedSchema;
import dev.jobmojito.connector.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The drop-folder route end to end in once mode: files in a real folder, the connector started as a user starts
 * it, a real HTTP server on loopback standing in for JobMojito.
 */
@ExtendWith(OutputCaptureExtension.class)
class DropFolderOnceRunTest {

    private static final Path GREENHOUSE_SAMPLE = Path.of("samples/greenhouse/jobs.json");

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void everyJobOfADroppedFileBecomesAnInterviewAndAResultLine() {
        connector.dropSample("greenhouse", GREENHOUSE_SAMPLE);

        assertThat(connector.run()).isZero();

        List<JobMojitoStandIn.Received> requests = jobMojito.creates();
        assertThat(requests).hasSize(4).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/job-interview-create-from-array");
            assertThat(request.query()).as("nothing of the connector's own settings goes to JobMojito").isNull();
            assertThat(request.authorization()).isEqualTo("Bearer " + Secrets.TOKEN);
            assertThat(request.contentType()).startsWith("application/json");
            assertThat(PublishedSchema.violations(request.body())).isEmpty();
        });
        assertThat(requests.stream().map(r -> r.body().get("code").asText()))
                .containsExactlyInAnyOrder("4012001", "4012002", "4012003", "4012004");

        List<JsonNode> results = connector.resultLines();
        assertThat(results).hasSize(4).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("created");
            assertThat(line.get("interview_def_set_id").asText()).isNotBlank();
            assertThat(line.get("errors").isArray()).isTrue();
            assertThat(line.get("errors")).isEmpty();
            assertThat(line.at("/source/file").asText()).isEqualTo("greenhouse/jobs.json");
            assertThat(line.at("/source/record").isInt()).isTrue();
            assertThat(Instant.parse(line.get("at").asText())).isBeforeOrEqualTo(Instant.now());
        });
        assertThat(results.stream().map(r -> r.get("name").asText()))
                .contains("Inżynier ds. jakości oprogramowania");
        assertThat(connector.filesIn("greenhouse")).isEmpty();
        assertThat(connector.filesIn(".done/greenhouse")).singleElement().asString().endsWith("-jobs.json");
    }

    @Test
    void aOnceModeRunLeavesNoThreadThatWouldKeepTheJvmAlive() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        connector.dropSample("greenhouse", GREENHOUSE_SAMPLE);

        assertThat(connector.run()).isZero();

        // cron starts a once-mode run and waits for the JVM to end; a callers' JVM (a scheduler) must too
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread))
                .filteredOn(thread -> !thread.isDaemon() && thread.isAlive())
                .filteredOn(thread -> !thread.getName().startsWith("MockWebServer")) // the test's JobMojito
                .extracting(Thread::getName).isEmpty();
    }

    @Test
    void aFileThatTakesLongerThanAPollIntervalIsFinishedBeforeTheRunEnds() {
        // jobs are handled asynchronously: polls of the folder go on (and find nothing new) while a large file
        // is still being sent; the run must wait for the file, not stop at the first empty poll
        StringBuilder jobs = new StringBuilder("{\"jobs\": [");
        for (int i = 0; i < 40; i++) {
            jobs.append(i == 0 ? "" : ",").append(("{\"id\": %d, \"title\": \"Picker %d\", \"location\": "
                    + "{\"name\": \"Lyon\"}, \"content\": \"&lt;p&gt;Pick.&lt;/p&gt;\", \"language\": \"fr\"}")
                    .formatted(7000 + i, i));
        }
        connector.drop("greenhouse", "large.json", jobs.append("]}").toString());
        jobMojito.answer(request -> request.path().endsWith("create-from-array")
                ? jobMojito.forward(request).newBuilder().headersDelay(60, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .build()
                : null);

        // a short graceful-shutdown timeout, so that stopping the routes early cannot hide the problem
        assertThat(connector.with("--connector.concurrency=1").with("--camel.main.shutdown-timeout=1").run())
                .isZero();

        assertThat(jobMojito.creates()).hasSize(40);
        assertThat(connector.resultLines()).hasSize(40);
        assertThat(connector.filesIn(".done/greenhouse")).singleElement().asString().endsWith("-large.json");
    }

    @Test
    void aJobJobMojitoRejectsKeepsTheApiErrorAndTheOthersAreCreated(CapturedOutput output) {
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                && request.body().get("code").asText().equals("4012002")
                ? JobMojitoStandIn.json(422, "{\"error\":\"Field is required.\",\"name\":\"interview_template_id\"}")
                : null);
        connector.dropSample("greenhouse", GREENHOUSE_SAMPLE);

        assertThat(connector.run()).isEqualTo(1);

        JsonNode rejected = resultFor("4012002");
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("api_error").get("error").asText()).isEqualTo("Field is required.");
        assertThat(rejected.get("api_error").get("name").asText()).isEqualTo("interview_template_id");
        assertThat(rejected.get("http_status").asInt()).isEqualTo(422);
        assertThat(rejected.get("errors").get(0).asText()).contains("Field is required.", "interview_template_id");
        assertThat(rejected.get("attempts").asInt()).isEqualTo(1);
        assertThat(connector.resultLines()).filteredOn(r -> r.get("status").asText().equals("created")).hasSize(3);
        assertThat(output.getOut()).contains("1 rejected");
        assertThat(connector.filesIn(".done/greenhouse")).hasSize(1);
    }

    @Test
    void aRefusedTokenLeavesTheFileUntouchedStopsAndFailsTheRun(CapturedOutput output) throws IOException {
        jobMojito.answer(request -> JobMojitoStandIn.json(401, "{\"error\":\"Invalid JWT\"}"));
        Path dropped = connector.dropSample("greenhouse", GREENHOUSE_SAMPLE);
        FileTime modified = Files.getLastModifiedTime(dropped);
        byte[] content = Files.readAllBytes(dropped);

        assertThat(connector.run()).isEqualTo(1);

        assertThat(dropped).exists();
        assertThat(Files.readAllBytes(dropped)).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(dropped)).isEqualTo(modified);
        assertThat(connector.filesIn(".done/greenhouse")).isEmpty();
        assertThat(connector.filesIn(".error/greenhouse")).isEmpty();
        // no new work is taken once the token is refused: at most the jobs already in flight were sent
        assertThat(jobMojito.creates().size()).isLessThanOrEqualTo(4);
        assertThat(output.getAll()).contains("refused the API token (401)", "Stopped early");
        assertThat(output.getAll()).doesNotContain(Secrets.TOKEN);
        assertThat(resultsText()).doesNotContain(Secrets.TOKEN);
    }

    @Test
    void serverErrorsAreRetriedAndAJobSucceedsWhenJobMojitoRecovers() {
        AtomicInteger creates = new AtomicInteger();
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE) && creates.incrementAndGet() <= 2
                ? JobMojitoStandIn.json(500, "{\"error\":\"upstream timeout\"}")
                : null);
        connector.drop("greenhouse", "one.json", oneJob("777", "Data Engineer"));

        assertThat(connector.run()).isZero();

        assertThat(jobMojito.creates()).hasSize(3);
        assertThat(jobMojito.interviews()).hasSize(1);
        JsonNode result = resultFor("777");
        assertThat(result.get("status").asText()).isEqualTo("created");
        assertThat(result.get("attempts").asInt()).isEqualTo(3);
    }

    @Test
    void aJobIsReportedFailedWhenServerErrorsPersistAndTheRunFails() {
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                ? JobMojitoStandIn.json(503, "{\"error\":\"maintenance\"}") : null);
        connector.drop("greenhouse", "one.json", oneJob("778", "Data Engineer"));

        assertThat(connector.run("--connector.retry.max-attempts=3")).isEqualTo(1);

        assertThat(jobMojito.creates()).hasSize(3);
        JsonNode result = resultFor("778");
        assertThat(result.get("status").asText()).isEqualTo("failed");
        assertThat(result.get("http_status").asInt()).isEqualTo(503);
        assertThat(result.get("errors").get(0).asText()).contains("gave up after 3 attempts", "503", "maintenance");
        assertThat(connector.filesIn(".done/greenhouse")).hasSize(1);
    }

    @Test
    void aJobThatFailsValidationIsNeverSentAndTheOtherJobsGoOn() {
        String jobs = "{\"jobs\": [" + oneJobRecord("1", "Cook") + ", " + oneJobRecord("2", "") + ", "
                + oneJobRecord("3", "Waiter") + "]}";
        connector.drop("greenhouse", "three.json", jobs);

        assertThat(connector.run()).isEqualTo(1);

        assertThat(jobMojito.creates().stream().map(r -> r.body().get("code").asText()))
                .containsExactlyInAnyOrder("1", "3");
        JsonNode rejected = resultFor("2");
        assertThat(rejected.get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.get("errors").toString()).contains("name: is required");
        assertThat(rejected.has("http_status")).isFalse();
        assertThat(rejected.at("/source/record").asInt()).isEqualTo(1);
    }

    @Test
    void anUnreadableFileIsQuarantinedWithAReasonNamingTheFileAndTheProblem() throws IOException {
        connector.drop("greenhouse", "broken.json", "{\"jobs\": [ {\"id\": 1, \"title\": \"Cook\" ");

        assertThat(connector.run()).isEqualTo(1);

        assertThat(jobMojito.received()).isEmpty();
        List<String> quarantined = connector.filesIn(".error/greenhouse");
        assertThat(quarantined).hasSize(2);
        String data = quarantined.stream().filter(n -> n.endsWith("broken.json")).findFirst().orElseThrow();
        assertThat(quarantined).contains(data + ".reason.txt");
        assertThat(Files.readString(connector.inbox().resolve(".error/greenhouse/" + data)))
                .startsWith("{\"jobs\": [");
        String reason = Files.readString(connector.inbox().resolve(".error/greenhouse/" + data + ".reason.txt"));
        assertThat(reason).contains("File: greenhouse/broken.json", "invalid JSON", "line 1");
        JsonNode line = connector.resultLines().get(0);
        assertThat(line.get("status").asText()).isEqualTo("failed");
        assertThat(line.at("/source/file").asText()).isEqualTo("greenhouse/broken.json");
        assertThat(line.at("/source").has("record")).isFalse();
    }

    @Test
    void aFileOutsideAMappingFolderOrForAnUnknownMappingIsQuarantined() throws IOException {
        Files.createDirectories(connector.inbox());
        Files.writeString(connector.inbox().resolve("loose.json"), "[]");
        Files.setLastModifiedTime(connector.inbox().resolve("loose.json"), FileTime.fromMillis(0));
        connector.drop("workday", "jobs.json", "[]");

        assertThat(connector.run()).isEqualTo(1);

        assertThat(connector.filesIn(".error")).anySatisfy(n -> assertThat(n).endsWith("loose.json.reason.txt"));
        assertThat(connector.filesIn(".error/workday")).anySatisfy(n -> assertThat(n).endsWith("jobs.json"));
        String reason = Files.readString(connector.inbox().resolve(".error/workday").resolve(
                connector.filesIn(".error/workday").stream().filter(n -> n.endsWith(".reason.txt")).findFirst()
                        .orElseThrow()));
        assertThat(reason).contains("no mapping named \"workday\"", "greenhouse");
    }

    private JsonNode resultFor(String code) {
        return connector.resultLines().stream().filter(r -> code.equals(r.path("code").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no result line for code " + code));
    }

    private String resultsText() throws IOException {
        StringBuilder all = new StringBuilder();
        if (!Files.isDirectory(connector.results())) {
            return "";
        }
        try (var files = Files.list(connector.results())) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static String oneJob(String id, String title) {
        return "{\"jobs\": [" + oneJobRecord(id, title) + "]}";
    }

    private static String oneJobRecord(String id, String title) {
        return """
                {"id": %s, "title": "%s", "location": {"name": "Berlin"}, "language": "en",
                 "content": "&lt;p&gt;Cook and serve.&lt;/p&gt;", "departments": [{"name": "Kitchen"}]}"""
                .formatted(id, title);
    }
}
