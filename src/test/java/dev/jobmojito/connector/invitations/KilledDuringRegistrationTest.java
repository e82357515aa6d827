package dev.jobmojito.connector.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, "the connector killed after the call and before the ledger write → no second invitation after
 * restart (reconciled)", with a real process and a real signal: the connector (a JVM of its own, once mode, an H2
 * ledger file) sends its register-users call, JobMojito registers the candidates, and the connector is killed
 * with SIGKILL before it hears the answer. The next run reads the same application export again, finds the
 * invitations in flight in its ledger, asks JobMojito's result list (which shows a registered candidate by
 * {@code candidate_external_id}, as §4 documents the rows; the stand-in serves it from the sandbox's registrations)
 * and adopts them: no candidate is registered twice.
 */
class KilledDuringRegistrationTest {

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final CountDownLatch registered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private ConnectorProcess connector;

    @AfterEach
    void stop() {
        release.countDown();
        if (connector != null) {
            connector.close();
        }
        jobMojito.close();
    }

    private ConnectorProcess run(String log, boolean invitations) {
        return ConnectorProcess.start(work, jobMojito, true, work.resolve(log),
                "--connector.invitations.enabled=" + invitations,
                "--connector.invitations.inbox=" + work.resolve("candidates"),
                "--connector.retry.initial-delay=20ms", "--connector.retry.max-delay=50ms");
    }

    @Test
    void aConnectorKilledWhileItsRegistrationIsAnsweredRegistersNoCandidateTwiceAfterTheRestart() throws Exception {
        Files.createDirectories(work.resolve("inbox/lever"));
        Files.copy(Path.of("samples/lever/postings.json"), work.resolve("inbox/lever/postings.json"));
        connector = run("postings.log", false);
        assertThat(connector.awaitExit(180)).as("the postings' run").isZero();
        assertThat(jobMojito.creates()).isNotEmpty();

        // JobMojito registers the candidates, and its answer is held until the connector is dead
        jobMojito.answer(request -> {
            if (request.path().equals(Invitations.RESULT_LIST)) {
                return resultList(request.query());
            }
            if (request.path().equals(Invitations.REGISTER)) {
                MockResponse answer = jobMojito.forward(request);
                registered.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return answer;
            }
            return null;
        });
        Files.createDirectories(work.resolve("candidates/lever"));
        Files.copy(Path.of("samples/candidates/lever/opportunities.json"),
                work.resolve("candidates/lever/opportunities.json"));
        connector = run("killed.log", true);
        assertThat(registered.await(180, TimeUnit.SECONDS)).as("a register-users call:\n%s", connector.output())
                .isTrue();
        connector.signal("KILL");
        connector.awaitExit(30);
        List<ObjectNode> before = jobMojito.sandbox().registrations();
        assertThat(before).as("registered by JobMojito before the kill").isNotEmpty();
        assertThat(work.resolve("candidates/lever/opportunities.json")).as("the export stays in the inbox").exists();
        int callsBefore = registerCalls().size();

        // the answer is not held any more: a second call would be answered, and registered, at once
        release.countDown();
        connector = run("restarted.log", true);
        int exit = connector.awaitExit(180);
        String output = connector.output();

        List<ObjectNode> after = jobMojito.sandbox().registrations();
        List<String> externalIds = after.stream().map(r -> r.path("external_id").asText()).toList();
        assertThat(externalIds).as("no candidate registered twice").doesNotHaveDuplicates();
        List<String> registeredBeforeTheKill = before.stream().map(r -> r.path("external_id").asText()).toList();
        // the calls after the restart (other interviews' candidates, not reached before the kill) name none of them
        assertThat(registerCalls().subList(callsBefore, registerCalls().size()))
                .flatMap(call -> call.body().path("users").findValuesAsText("external_id"))
                .doesNotContainAnyElementsOf(registeredBeforeTheKill);
        List<JsonNode> invited = OnceRunner.resultLines(work.resolve("results")).stream()
                .filter(line -> line.path("status").asText().equals("invited")).toList();
        assertThat(invited).as(output).hasSameSizeAs(after);
        assertThat(invited).filteredOn(line -> line.toString().contains("adopted"))
                .as("the invitations in flight at the kill, adopted from JobMojito's result list")
                .hasSameSizeAs(before);
        assertThat(exit).as(output).isZero();
        assertThat(work.resolve("candidates/lever/opportunities.json")).doesNotExist();
        // candidates' names and emails are in neither run's log
        for (String log : List.of("killed.log", "restarted.log")) {
            assertThat(Files.readString(work.resolve(log))).as(log)
                    .doesNotContain("Maren Solberg", "maren.solberg@example.com");
        }
    }

    private List<JobMojitoStandIn.Received> registerCalls() {
        return jobMojito.received().stream().filter(r -> r.path().equals(Invitations.REGISTER)).toList();
    }

    /**
     * {@code merchant-result-list} of one interview as JobMojito documents its rows: one per registered candidate,
     * {@code draft} until submitted, with the candidate's external id.
     */
    private MockResponse resultList(String query) {
        String interview = query == null ? "" : query.replaceAll(".*interview_id=([^&]*).*", "$1");
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        for (ObjectNode registration : jobMojito.sandbox().registrations()) {
            if (registration.path("interview_id").asText().equals(interview)) {
                ObjectNode row = data.addObject();
                row.put("id", UUID.randomUUID().toString());
                row.put("interview_id", interview);
                row.put("status", "draft");
                row.put("candidate_external_id", registration.path("external_id").asText());
            }
        }
        page.putObject("pagination").put("has_more", false);
        return JobMojitoStandIn.json(200, Json.write(page));
    }
}
