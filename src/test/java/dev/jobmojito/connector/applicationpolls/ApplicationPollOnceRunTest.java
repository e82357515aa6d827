package dev.jobmojito.connector.applicationpolls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The Lever application poll as a user turns it on: the connector started by its main class in once mode with
 * nothing but the poll's settings (the API key in a file), against a Lever stand-in serving the bundled sample
 * page of opportunities, after a run that synced the postings. Twice: the second run (a restart) asks from the
 * watermark the first stored in the ledger, and invites nobody twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationPollOnceRunTest {

    private static final String API_KEY = "lever-key-Fq72Mz4Wd";

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final FakeAts lever = new FakeAts();

    @AfterEach
    void stop() {
        jobMojito.close();
        lever.close();
    }

    @Test
    void aConfiguredLeverAccountTurnsThePollOnAndARestartGoesOnFromTheWatermark(CapturedOutput output)
            throws Exception {
        OnceRunner connector = new OnceRunner(work).against(jobMojito);
        connector.dropSample("lever", Path.of("samples/lever/postings.json"));
        assertThat(connector.run()).isZero();
        assertThat(lever.requests()).as("no account, no poll").isEmpty();

        String page = Files.readString(Path.of("samples/candidates/lever/opportunities.json"));
        lever.serve(request -> request.getUrl().encodedPath().equals("/v1/opportunities") ? FakeAts.json(page)
                : FakeAts.notFound());
        Path keyFile = Files.writeString(work.resolve("lever-api-key"), API_KEY + "\n");
        String[] settings = {"--connector.invitations.polls.lever.api-key-file=" + keyFile,
                "--connector.invitations.polls.lever.base-url=" + lever.baseUrl()};

        assertThat(connector.run(settings)).isZero();
        assertThat(connector.run(settings)).isZero();

        List<RecordedRequest> requests = lever.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).getUrl().queryParameter("updated_at_start")).isNull();
        // the sample's latest updatedAt among the recorded opportunities, less the default overlap of a minute
        assertThat(requests.get(1).getUrl().queryParameter("updated_at_start"))
                .isEqualTo(Long.toString(1764490800000L - 60_000));
        assertThat(jobMojito.sandbox().registrations()).extracting(user -> user.path("external_id").asText())
                .containsExactlyInAnyOrder("lever:9b2f4c1e-5a7d-4e3b-8c60-2f1d9a8e7b01",
                        "lever:7c3b9e2a-1d8f-4a5c-b6e4-3a2b1c0d9e03");
        List<JsonNode> invitations = connector.resultLines().stream()
                .filter(line -> line.path("detail").path("kind").asText().equals("invitation")).toList();
        assertThat(invitations).filteredOn(line -> line.path("status").asText().equals("invited")).hasSize(2)
                .allSatisfy(line -> assertThat(line.path("source").toString()).contains("invitations-poll-lever"));
        assertThat(output.getAll()).doesNotContain(API_KEY, "maren.solberg@example.com", "Maren Solberg");
    }
}
