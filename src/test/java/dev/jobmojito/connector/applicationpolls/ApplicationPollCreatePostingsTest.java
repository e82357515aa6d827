package dev.jobmojito.connector.applicationpolls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Issue 15, "an application whose posting has no interview yet waits (or is created first, when configured)": the
 * Lever application poll run by the connector's main class in once mode, on a ledger that has never seen the
 * postings. Off (the default) the applications wait; with {@code connector.invitations.create-postings} and the
 * poll's posting URL, each waiting application's posting is read from Lever's one-posting endpoint, created through
 * the job path (its own result line), and the application is invited in the same cycle. A posting Lever does not
 * serve leaves its application waiting with the reason, and a later cycle that can read it invites it, once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApplicationPollCreatePostingsTest {

    private static final String API_KEY = "lever-key-Hx91Qp3Lz";
    private static final String BACKEND = "3f6c2a91-7d4e-4b8a-9c1f-5e2d8a7b6c01";
    private static final String EMBEDDED = "a81b5e07-2c39-4f6d-8e14-0b7c9d3f2a55";

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final FakeAts lever = new FakeAts();
    /** The postings Lever serves one by one at /v0/postings/acme/{id}. */
    private final Set<String> served = new HashSet<>();

    @AfterEach
    void stop() {
        jobMojito.close();
        lever.close();
    }

    private String[] settings(boolean createPostings) throws Exception {
        String page = Files.readString(Path.of("samples/candidates/lever/opportunities.json"));
        JsonNode postings = Json.MAPPER.readTree(Path.of("samples/lever/postings.json").toFile());
        lever.serve(request -> {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v1/opportunities")) {
                return FakeAts.json(page);
            }
            for (JsonNode posting : postings) {
                String id = posting.path("id").asText();
                if (path.equals("/v0/postings/acme/" + id) && served.contains(id)) {
                    return FakeAts.json(Json.write(posting));
                }
            }
            return FakeAts.notFound();
        });
        Path keyFile = Files.writeString(work.resolve("lever-api-key"), API_KEY + "\n");
        return new String[] {"--connector.invitations.polls.lever.api-key-file=" + keyFile,
                "--connector.invitations.polls.lever.base-url=" + lever.baseUrl(),
                "--connector.invitations.polls.lever.posting-url=" + lever.baseUrl() + "/v0/postings/acme/{posting}",
                "--connector.invitations.create-postings=" + createPostings};
    }

    private static List<JsonNode> invitations(OnceRunner connector, String status) throws Exception {
        return connector.resultLines().stream()
                .filter(line -> line.path("detail").path("kind").asText().equals("invitation"))
                .filter(line -> line.path("status").asText().equals(status)).toList();
    }

    @Test
    void offTheApplicationsWaitAndNoPostingIsAskedFor() throws Exception {
        served.addAll(List.of(BACKEND, EMBEDDED));
        OnceRunner connector = new OnceRunner(work).against(jobMojito);

        assertThat(connector.run(settings(false))).isZero();

        assertThat(lever.requests()).extracting(r -> r.getUrl().encodedPath()).containsExactly("/v1/opportunities");
        assertThat(jobMojito.creates()).isEmpty();
        assertThat(jobMojito.sandbox().registrations()).isEmpty();
        assertThat(invitations(connector, "waiting")).hasSize(2).allSatisfy(line ->
                assertThat(line.path("errors").toString()).contains("is not in the ledger yet"));
    }

    @Test
    void onThePostingIsCreatedFirstAndItsApplicationInvitedInTheSameCycleOnce(CapturedOutput output)
            throws Exception {
        served.add(BACKEND);
        OnceRunner connector = new OnceRunner(work).against(jobMojito);
        String[] settings = settings(true);

        // Lever serves one of the two postings: its application is invited, the other waits with the reason
        assertThat(connector.run(settings)).isZero();

        assertThat(jobMojito.creates()).hasSize(1);
        assertThat(jobMojito.sandbox().registrations()).extracting(user -> user.path("external_id").asText())
                .containsExactly("lever:9b2f4c1e-5a7d-4e3b-8c60-2f1d9a8e7b01");
        List<JsonNode> created = connector.resultLines().stream()
                .filter(line -> line.path("status").asText().equals("created")).toList();
        assertThat(created).singleElement().satisfies(line -> {
            assertThat(line.path("code").asText()).isEqualTo(BACKEND);
            assertThat(line.path("source").toString()).contains("invitations-poll-lever", "/v0/postings/acme/");
        });
        assertThat(invitations(connector, "invited")).singleElement().satisfies(line ->
                assertThat(line.path("detail").path("posting_created_first").asBoolean()).isTrue());
        assertThat(invitations(connector, "waiting")).singleElement().satisfies(line -> {
            assertThat(line.path("detail").path("posting_key").asText()).isEqualTo("lever:" + EMBEDDED);
            assertThat(line.path("errors").toString()).contains("could not be created first",
                    "HTTP 404", "/v0/postings/acme/" + EMBEDDED);
        });
        // the one-posting URL is on the poll's own host: it is asked with the poll's authentication
        List<RecordedRequest> postingReads = lever.requests().stream()
                .filter(r -> r.getUrl().encodedPath().startsWith("/v0/postings/")).toList();
        assertThat(postingReads).hasSize(2).allSatisfy(r ->
                assertThat(r.getHeaders().get("Authorization")).startsWith("Basic "));

        // the next cycle: Lever serves the other posting too; the first application is not invited again, and
        // the posting created before is not asked for nor created again
        served.add(EMBEDDED);
        assertThat(connector.run(settings)).isZero();

        assertThat(jobMojito.creates()).hasSize(2);
        assertThat(jobMojito.sandbox().registrations()).extracting(user -> user.path("external_id").asText())
                .containsExactly("lever:9b2f4c1e-5a7d-4e3b-8c60-2f1d9a8e7b01",
                        "lever:7c3b9e2a-1d8f-4a5c-b6e4-3a2b1c0d9e03");
        assertThat(lever.requests().stream().filter(r -> r.getUrl().encodedPath().startsWith("/v0/postings/"))
                .map(r -> r.getUrl().encodedPath()).toList())
                .containsExactly("/v0/postings/acme/" + BACKEND, "/v0/postings/acme/" + EMBEDDED,
                        "/v0/postings/acme/" + EMBEDDED);
        assertThat(invitations(connector, "invited")).hasSize(2);
        assertThat(output.getAll()).doesNotContain(API_KEY, "maren.solberg@example.com", "Maren Solberg");
    }

    @Test
    void credentialsGoOnlyToThePollsOwnHost() {
        assertThat(PostingsFirst.sameOrigin("https://api.lever.co/v0/postings/acme/1",
                "https://api.lever.co/v1/opportunities?limit=100")).isTrue();
        assertThat(PostingsFirst.sameOrigin("https://api.lever.co:443/v0/postings/acme/1",
                "https://api.lever.co/v1/opportunities")).isTrue();
        assertThat(PostingsFirst.sameOrigin("https://jobs.example.com/postings/1",
                "https://api.lever.co/v1/opportunities")).isFalse();
        assertThat(PostingsFirst.sameOrigin("http://api.lever.co/v0/postings/acme/1",
                "https://api.lever.co/v1/opportunities")).isFalse();
        assertThat(PostingsFirst.sameOrigin("https://api.lever.co.evil.example/v0/postings/1",
                "https://api.lever.co/v1/opportunities")).isFalse();
    }
}
