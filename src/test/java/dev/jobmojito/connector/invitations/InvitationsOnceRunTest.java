package dev.jobmojito.connector.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The application drop folder end to end in once mode, as a user runs it: the postings synced first, then a Lever
 * export of opportunities dropped in {@code <candidates inbox>/lever/}; the connector started by its main class,
 * JobMojito a loopback stand-in backed by the sandbox.
 */
class InvitationsOnceRunTest {

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void applicationsDroppedInTheCandidatesInboxAreInvitedToTheirPostingsInterviews() throws Exception {
        OnceRunner connector = new OnceRunner(work).against(jobMojito);
        connector.dropSample("lever", Path.of("samples/lever/postings.json"));
        assertThat(connector.run()).isZero();

        Path candidates = work.resolve("candidates");
        Path export = Files.createDirectories(candidates.resolve("lever")).resolve("opportunities.json");
        Files.copy(Path.of("samples/candidates/lever/opportunities.json"), export);
        Files.setLastModifiedTime(export, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        assertThat(connector.run("--connector.invitations.enabled=true",
                "--connector.invitations.inbox=" + candidates)).isZero();

        List<JsonNode> invitations = connector.resultLines().stream()
                .filter(line -> line.path("detail").path("kind").asText().equals("invitation")).toList();
        assertThat(invitations).extracting(line -> line.path("status").asText())
                .containsExactlyInAnyOrder("invited", "skipped", "invited");
        assertThat(jobMojito.sandbox().registrations()).extracting(user -> user.path("external_id").asText())
                .containsExactlyInAnyOrder("lever:9b2f4c1e-5a7d-4e3b-8c60-2f1d9a8e7b01",
                        "lever:7c3b9e2a-1d8f-4a5c-b6e4-3a2b1c0d9e03");
        assertThat(export).doesNotExist();
        try (Stream<Path> done = Files.list(candidates.resolve(".done/lever"))) {
            assertThat(done).hasSize(1);
        }
    }
}
