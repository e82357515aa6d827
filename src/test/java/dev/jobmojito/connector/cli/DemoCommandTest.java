package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} twice with a sample changed in between: the embedded sandbox keeps its interviews under the
 * state folder like JobMojito keeps them, so the changed posting is updated in place and nothing fails.
 */
class DemoCommandTest {

    @TempDir
    Path work;

    @Test
    void aPostingChangedBetweenTwoDemosIsUpdatedInTheSandboxInterviewTheFirstDemoCreated() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/greenhouse"));
        String export = Files.readString(Path.of("samples/greenhouse/jobs.json"));
        Files.writeString(samples.resolve("jobs.json"), export);

        assertThat(demo()).isZero();
        Files.writeString(samples.resolve("jobs.json"),
                export.replace("Senior Robotics Software Engineer", "Staff Robotics Software Engineer"));
        assertThat(demo()).isZero();

        List<JsonNode> lines = results();
        assertThat(lines).extracting(l -> l.get("status").asText()).doesNotContain("failed", "rejected")
                .contains("updated");
        assertThat(lines).filteredOn(l -> l.get("status").asText().equals("updated")).singleElement()
                .satisfies(l -> assertThat(l.get("note").asText()).contains("updated name"));
        assertThat(work.resolve("state/sandbox/interviews.jsonl")).exists();
    }

    @Test
    void postingsTheSandboxGotAreStillSentToTheRealJobMojitoOnTheSameState() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/greenhouse"));
        Files.copy(Path.of("samples/greenhouse/jobs.json"), samples.resolve("jobs.json"));
        assertThat(demo()).isZero();

        try (JobMojitoStandIn jobMojito = new JobMojitoStandIn()) {
            OnceRunner real = new OnceRunner(work).against(jobMojito);
            real.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));
            assertThat(real.run()).isZero();
            assertThat(jobMojito.creates()).as("the sandbox's interviews are not JobMojito's").hasSize(4);
        }
    }

    @Test
    void theSampleApplicationsAreInvitedToTheSamplePostingsInterviewsInTheSandbox() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/lever"));
        Files.copy(Path.of("samples/lever/postings.json"), samples.resolve("postings.json"));
        Path applications = Files.createDirectories(work.resolve("samples/candidates/lever"));
        Files.copy(Path.of("samples/candidates/lever/opportunities.json"), applications.resolve("opportunities.json"));

        assertThat(demo()).isZero();

        assertThat(results()).filteredOn(l -> l.path("detail").path("kind").asText().equals("invitation"))
                .extracting(l -> l.get("status").asText()).containsExactlyInAnyOrder("invited", "invited", "skipped");
        assertThat(work.resolve("candidates/.done/lever")).isDirectory();
    }

    private int demo() {
        return ConnectorMain.run("demo", "--samples=" + work.resolve("samples"),
                "--connector.inbox=" + work.resolve("inbox"), "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state"));
    }

    private List<JsonNode> results() {
        return OnceRunner.resultLines(work.resolve("results"));
    }
}
