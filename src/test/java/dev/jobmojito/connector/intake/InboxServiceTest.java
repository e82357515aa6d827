package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connector as a running service on the embedded sandbox: a file dropped while it runs is picked up, its
 * jobs become interviews in the sandbox, and the file moves to .done.
 */
@SpringBootTest(classes = ConnectorApplication.class, properties = "camel.main.run-controller=false")
class InboxServiceTest {

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> dev.jobmojito.connector.support.Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("jobmojito.base-url", () -> "");
    }

    @Autowired
    CamelContext camel;

    @Test
    void theIntakeRoutesOfTheRoutesFolderAreLoadedAndOnlyTheConfiguredOnesRun() {
        assertThat(camel.getRouteController().getRouteStatus("inbox").isStarted()).isTrue();
        assertThat(camel.getRouteController().getRouteStatus("sftp").isStarted()).as("no SFTP host set").isFalse();
    }

    @Autowired
    JobMojitoEndpoint jobMojito;

    @Autowired
    RunSummary summary;

    @Test
    void aFileDroppedWhileRunningBecomesInterviewsInTheSandbox() throws IOException {
        Path drop = work.resolve("inbox/greenhouse");
        Files.createDirectories(drop);
        // written under a hidden name and renamed when complete, as the route's comment advises
        Files.copy(Path.of("samples/greenhouse/jobs.json"), drop.resolve(".jobs.json.part"));
        Files.move(drop.resolve(".jobs.json.part"), drop.resolve("jobs.json"));

        // the file moves to .done once every job of it is handled
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(drop.resolve("jobs.json")).doesNotExist();
            try (Stream<Path> done = Files.list(work.resolve("inbox/.done/greenhouse"))) {
                assertThat(done).hasSize(1);
            }
        });
        assertThat(jobMojito.isSandbox()).isTrue();
        assertThat(jobMojito.sandbox().interviews()).hasSize(4)
                .extracting(interview -> interview.get("code").asText())
                .containsExactlyInAnyOrder("4012001", "4012002", "4012003", "4012004");
        ObjectNode remote = jobMojito.sandbox().interviews().stream()
                .filter(i -> i.get("code").asText().equals("4012002")).findFirst().orElseThrow();
        assertThat(remote.get("location").asText()).isEqualTo("remote");
        assertThat(summary.count(JobStatus.CREATED)).isEqualTo(4);
    }
}
