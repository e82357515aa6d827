package dev.jobmojito.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The shipped Greenhouse Harvest v3 poll (routes/poll-greenhouse-harvest.camel.yaml, mappings/greenhouse-harvest.yaml)
 * in once mode against a Harvest stand-in on loopback: a token by OAuth 2.0 client credentials first, then every
 * page (Link header) with it as a bearer token; internal jobs with custom fields become interviews.
 */
@ExtendWith(OutputCaptureExtension.class)
class GreenhouseHarvestPollTest {

    private static final String SECRET = "harvest-secret-Qp7wZ2";
    private static final String ACCESS = "harvest-access-Yt5kR9";

    @TempDir
    Path work;

    private FakeAts harvest;
    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        harvest = new FakeAts();
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        harvest.close();
        jobMojito.close();
    }

    private static String job(int id, String name, String status, String language) {
        return """
                {"id": %d, "name": "%s", "requisition_id": "REQ-%d", "status": "%s", "confidential": false,
                 "notes": "<p>Serve great coffee at our %s counter.</p>",
                 "departments": [{"id": 11, "name": "Cafés"}],
                 "offices": [{"id": 21, "name": "Lisboa", "location": {"name": "Lisboa, Portugal"}}],
                 "custom_fields": {"job_summary": "Morning shifts, espresso bar.", "interview_language": "%s",
                                   "remote": false}}"""
                .formatted(id, name, id, status, name, language);
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/token")) {
            return FakeAts.json("{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
        }
        if (path.equals("/v3/jobs")) {
            if (request.getUrl().queryParameter("page") == null) {
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .setHeader("Link", "<" + harvest.baseUrl() + "/v3/jobs?status=open&per_page=100&page=2>;"
                                + " rel=\"next\"")
                        .body("[" + job(4690121, "Barista", "open", "Portuguese") + ","
                                + job(4690122, "Shift lead", "closed", "English") + "]").build();
            }
            return FakeAts.json("[" + job(4690123, "Roaster", "open", "German") + "]");
        }
        return FakeAts.notFound();
    }

    @Test
    void internalJobsArePolledWithAClientCredentialsTokenAndBecomeInterviews(CapturedOutput output) {
        harvest.serve(this::answer);

        int code = connector.run("--connector.polls.greenhouse-harvest.base-url=" + harvest.baseUrl(),
                "--connector.polls.greenhouse-harvest.token-url=" + harvest.baseUrl() + "/token",
                "--connector.polls.greenhouse-harvest.client-id=harvest-client-3",
                "--connector.polls.greenhouse-harvest.client-secret=" + SECRET);

        assertThat(code).isZero();
        List<RecordedRequest> requests = harvest.requests();
        assertThat(requests).extracting(r -> r.getUrl().encodedPath()).containsExactly("/token", "/v3/jobs",
                "/v3/jobs");
        assertThat(requests.get(0).getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString(("harvest-client-3:" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(requests.get(1).getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS);
        assertThat(requests.get(2).getHeaders().get("Authorization")).isEqualTo("Bearer " + ACCESS);
        assertThat(jobMojito.interviews()).hasSize(2);
        JsonNode barista = jobMojito.interviews().stream().filter(i -> i.get("code").asText().equals("4690121"))
                .findFirst().orElseThrow();
        assertThat(barista.get("name").asText()).isEqualTo("Barista");
        assertThat(barista.get("description").asText()).isEqualTo("Morning shifts, espresso bar.");
        assertThat(barista.get("location").asText()).isEqualTo("Lisboa, Portugal");
        assertThat(barista.get("mojito_language_code").asText()).isEqualTo("pt");
        assertThat(connector.resultLines()).filteredOn(l -> l.get("status").asText().equals("skipped"))
                .singleElement().satisfies(l -> assertThat(l.get("errors").toString()).contains("not open"));
        assertThat(output.getAll()).doesNotContain(SECRET, ACCESS);
    }

    @Test
    void aRefusedClientSecretFailsThePollWithTheReasonAndSendsNothing() {
        harvest.serve(request -> request.getUrl().encodedPath().equals("/token")
                ? FakeAts.status(401, "application/json", "{\"error\":\"invalid_client\"}") : answer(request));

        int code = connector.run("--connector.polls.greenhouse-harvest.base-url=" + harvest.baseUrl(),
                "--connector.polls.greenhouse-harvest.token-url=" + harvest.baseUrl() + "/token",
                "--connector.polls.greenhouse-harvest.client-id=harvest-client-3",
                "--connector.polls.greenhouse-harvest.client-secret=" + SECRET);

        assertThat(code).isEqualTo(1);
        assertThat(harvest.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/token");
        assertThat(jobMojito.interviews()).isEmpty();
        assertThat(connector.resultLines()).singleElement().satisfies(line -> {
            assertThat(line.get("status").asText()).isEqualTo("failed");
            assertThat(line.get("errors").toString()).contains("refused the client credentials", "invalid_client");
        });
    }
}
