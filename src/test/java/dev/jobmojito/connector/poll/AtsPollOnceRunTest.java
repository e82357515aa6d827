package dev.jobmojito.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Scheduled ATS polls in once mode: one full cycle against an ATS API on loopback. */
@ExtendWith(OutputCaptureExtension.class)
class AtsPollOnceRunTest {

    @TempDir
    Path work;

    private FakeAts ats;
    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        ats = new FakeAts();
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        ats.close();
        jobMojito.close();
    }

    private static String greenhouseJob(int id, String title) {
        return """
                {"id": %d, "title": "%s", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work at %s.&lt;/p&gt;", "departments": [{"name": "Ops"}]}"""
                .formatted(id, title, title);
    }

    private static String greenhouseBoard(int... ids) {
        return "{\"jobs\": [" + IntStream.of(ids).mapToObj(id -> greenhouseJob(id, "Job " + id))
                .collect(Collectors.joining(",")) + "], \"meta\": {\"total\": " + ids.length + "}}";
    }

    private int runEnvironmentPoll(String... extra) {
        List<String> args = new ArrayList<>(List.of("--connector.poll.url=" + ats.baseUrl() + "/v1/boards/acme/jobs",
                "--connector.poll.mapping=greenhouse"));
        args.addAll(List.of(extra));
        return connector.run(args.toArray(String[]::new));
    }

    @Test
    void thePollSwitchedOnByTheEnvironmentRunsOneCycleAndASecondCycleSendsNothingNew() {
        ats.serve(request -> FakeAts.json(greenhouseBoard(1, 2, 3)));

        assertThat(runEnvironmentPoll()).isZero();
        assertThat(jobMojito.interviews()).hasSize(3);

        assertThat(runEnvironmentPoll()).isZero();
        assertThat(jobMojito.creates()).hasSize(3);
        List<JsonNode> second = connector.resultLines().subList(3, 6);
        assertThat(second).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("skipped");
            assertThat(line.at("/source/route").asText()).isEqualTo("poll");
        });
    }

    @Test
    void theTokenOfTheEnvironmentPollIsSentAsBearerAndNeverLogged(CapturedOutput output) {
        ats.serve(request -> FakeAts.json(greenhouseBoard(1)));

        assertThat(runEnvironmentPoll("--connector.poll.token=ats-secret-7f1e")).isZero();

        assertThat(ats.requests().get(0).getHeaders().get("Authorization")).isEqualTo("Bearer ats-secret-7f1e");
        assertThat(output.getAll()).doesNotContain("ats-secret-7f1e");
    }

    @Test
    void aPostingThatLeftTheAtsIsClosedAfterACompletePollKeptByDefaultArchivedWhenAsked() {
        AtomicReference<String> board = new AtomicReference<>(greenhouseBoard(1, 2, 3));
        ats.serve(request -> FakeAts.json(board.get()));
        assertThat(runEnvironmentPoll()).isZero();

        board.set(greenhouseBoard(1, 2));
        assertThat(runEnvironmentPoll()).isZero();
        JsonNode kept = connector.resultLines().stream().filter(l -> l.get("status").asText().equals("closed"))
                .findFirst().orElseThrow();
        assertThat(kept.get("code").asText()).isEqualTo("3");
        assertThat(kept.get("errors").get(0).asText()).contains("kept");
        assertThat(jobMojito.received()).noneMatch(r -> r.path().equals("/job-interview-set-state"));

        board.set(greenhouseBoard(1));
        assertThat(runEnvironmentPoll("--connector.sync.on-close=archive")).isZero();
        assertThat(jobMojito.received()).filteredOn(r -> r.path().equals("/job-interview-set-state")).singleElement()
                .satisfies(r -> assertThat(r.body().get("status").asText()).isEqualTo("archived"));
        JsonNode archived = jobMojito.interviews().stream().filter(i -> i.get("code").asText().equals("2"))
                .findFirst().orElseThrow();
        assertThat(archived.get("status").asText()).isEqualTo("archived");
    }

    @Test
    void anArchiveThatFailsLeavesThePostingOpenAndTheNextCompletePollArchivesIt() {
        AtomicReference<String> board = new AtomicReference<>(greenhouseBoard(1, 2));
        ats.serve(request -> FakeAts.json(board.get()));
        assertThat(runEnvironmentPoll()).isZero();

        board.set(greenhouseBoard(1));
        jobMojito.answer(request -> request.path().equals("/job-interview-set-state")
                ? JobMojitoStandIn.json(503, "{\"error\":\"maintenance\"}") : null);
        int code = runEnvironmentPoll("--connector.sync.on-close=archive");
        JsonNode notArchived = connector.resultLines().stream().filter(l -> l.get("code").asText().equals("2"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(notArchived.get("status").asText()).isEqualTo("rejected");
        assertThat(notArchived.get("errors").get(0).asText()).contains("archiving failed", "503",
                "tried again after the next complete poll");
        assertThat(code).as("a rejected result: exit 1").isEqualTo(1);

        jobMojito.answer(request -> null);
        assertThat(runEnvironmentPoll("--connector.sync.on-close=archive")).isZero();
        JsonNode closed = connector.resultLines().stream().filter(l -> l.get("code").asText().equals("2"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(closed.get("status").asText()).isEqualTo("closed");
        assertThat(jobMojito.interviews().stream().filter(i -> i.get("code").asText().equals("2")).findFirst()
                .orElseThrow().get("status").asText()).isEqualTo("archived");
    }

    @Test
    void aFailedPollIsRetriedLaterAndNeverTakenForAnAtsWithoutJobs(CapturedOutput output) {
        ats.serve(request -> FakeAts.json(greenhouseBoard(1, 2)));
        assertThat(runEnvironmentPoll("--connector.sync.on-close=archive")).isZero();

        for (MockResponse failure : List.of(
                FakeAts.status(500, "application/json", "{\"error\":\"internal\"}"),
                FakeAts.status(200, "text/html", "<!DOCTYPE html><html><body>Maintenance</body></html>"),
                FakeAts.status(200, "application/json", "{\"jobs\": [" + greenhouseJob(1, "A") + ", {\"id\": 2,"))) {
            ats.serve(request -> failure);
            assertThat(runEnvironmentPoll("--connector.sync.on-close=archive")).isEqualTo(1);
        }

        assertThat(jobMojito.received()).noneMatch(r -> r.path().equals("/job-interview-set-state"));
        assertThat(connector.resultLines()).noneMatch(l -> l.get("status").asText().equals("closed"));
        assertThat(output.getAll()).contains("answered HTTP 500", "is an HTML page, not data", "invalid JSON",
                "Nothing is closed");
    }

    @Test
    void theLeverPollReadsEveryPageWithSkipAndLimit() {
        List<String> postings = IntStream.range(0, 130).mapToObj(i -> """
                {"id": "p-%d", "text": "Role %d", "categories": {"location": "Berlin", "team": "Ops"},
                 "workplaceType": "on-site", "descriptionPlain": "You will run our warehouse and the team.",
                 "description": "<p>You will run our warehouse and the team.</p>", "lists": [], "additional": ""}"""
                .formatted(i, i)).toList();
        ats.serve(request -> {
            int skip = Integer.parseInt(request.getUrl().queryParameter("skip"));
            int limit = Integer.parseInt(request.getUrl().queryParameter("limit"));
            return FakeAts.json("[" + String.join(",", postings.subList(Math.min(skip, 130),
                    Math.min(skip + limit, 130))) + "]");
        });

        int code = connector.run("--connector.polls.lever.site=acme",
                "--connector.polls.lever.base-url=" + ats.baseUrl());

        assertThat(code).isZero();
        assertThat(ats.requests()).extracting(r -> r.getUrl().encodedPath() + "?" + r.getUrl().encodedQuery())
                .containsExactly("/v0/postings/acme?mode=json&skip=0&limit=100",
                        "/v0/postings/acme?mode=json&skip=100&limit=100");
        assertThat(jobMojito.interviews()).hasSize(130);
    }

    @Test
    void theTeamtailorPollFollowsNextLinksWithItsApiKeyAndJoinsIncludedLocations() throws IOException {
        Path keyFile = Files.writeString(work.resolve("teamtailor.key"), "tt-key-41\n");
        String page1 = """
                {"data": [{"id": "1", "type": "jobs", "attributes": {"title": "Cook", "body": "<p>Cook well.</p>",
                  "status": "open", "remote-status": "none", "language-code": "en"},
                  "relationships": {"locations": {"data": [{"id": "7", "type": "locations"}]}}}],
                 "included": [{"id": "7", "type": "locations", "attributes": {"city": "Bergen", "name": "Bergen"}}],
                 "links": {"next": "%s/v1/jobs?page%%5Bnumber%%5D=2"}}""".formatted(ats.baseUrl());
        String page2 = """
                {"data": [{"id": "2", "type": "jobs", "attributes": {"title": "Baker", "body": "<p>Bake.</p>",
                  "status": "open", "remote-status": "fully", "language-code": "en"},
                  "relationships": {"locations": {"data": []}}}],
                 "included": [], "links": {}}""";
        ats.serve(request -> FakeAts.json(request.getUrl().queryParameter("page[number]") == null ? page1 : page2));

        int code = connector.run("--connector.polls.teamtailor.api-key-file=" + keyFile,
                "--connector.polls.teamtailor.base-url=" + ats.baseUrl());

        assertThat(code).isZero();
        assertThat(ats.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Token token=tt-key-41");
            assertThat(request.getHeaders().get("X-Api-Version")).isEqualTo("20240404");
        });
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText() + "@" + i.get("location").asText())
                .containsExactlyInAnyOrder("1@Bergen", "2@remote");
    }

    @Test
    void pollRouteFilesCanPageByNumberOrFollowLinkHeaders() throws IOException {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/poll-template.camel.yaml"), routes.resolve("poll-template.camel.yaml"));
        Files.writeString(routes.resolve("polls.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: ats-poll
                    routeId: by-page
                    parameters:
                      - {name: pollId, value: by-page}
                      - {name: enabled, value: "true"}
                      - {name: mapping, value: greenhouse}
                      - {name: source, value: paged-board}
                      - {name: url, value: "%1$s/paged"}
                      - {name: pagination, value: page}
                      - {name: sizeParam, value: per_page}
                      - {name: pageSize, value: "2"}
                - templatedRoute:
                    routeTemplateRef: ats-poll
                    routeId: by-link
                    parameters:
                      - {name: pollId, value: by-link}
                      - {name: enabled, value: "true"}
                      - {name: mapping, value: greenhouse}
                      - {name: source, value: linked-board}
                      - {name: url, value: "%1$s/linked"}
                      - {name: pagination, value: link-header}
                """.formatted(ats.baseUrl()));
        ats.serve(request -> {
            String path = request.getUrl().encodedPath();
            if (path.equals("/paged")) {
                int page = Integer.parseInt(request.getUrl().queryParameter("page"));
                return FakeAts.json(page == 1 ? greenhouseBoard(1, 2) : greenhouseBoard(3));
            }
            String cursor = request.getUrl().queryParameter("cursor");
            return cursor == null
                    ? new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                            .setHeader("Link", "</linked?cursor=b>; rel=\"next\", </linked>; rel=\"first\"")
                            .body(greenhouseBoard(21)).build()
                    : FakeAts.json(greenhouseBoard(22));
        });

        assertThat(connector.run("--connector.routes=" + routes)).isZero();

        assertThat(ats.requests()).extracting(RecordedRequest::getTarget).containsExactlyInAnyOrder(
                "/paged?page=1&per_page=2", "/paged?page=2&per_page=2", "/linked", "/linked?cursor=b");
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText())
                .containsExactlyInAnyOrder("1", "2", "3", "21", "22");
    }

    @Test
    void theGreenhousePollTakesEachPostingsDetailForItsScreeningQuestions() {
        ats.serve(request -> {
            String path = request.getUrl().encodedPath();
            if (path.equals("/v1/boards/acme/jobs")) {
                return FakeAts.json(greenhouseBoard(11));
            }
            if (path.equals("/v1/boards/acme/jobs/11")) {
                return FakeAts.json(greenhouseJob(11, "Chef").replaceFirst("}$", ", \"questions\": [{\"label\":"
                        + " \"Can you work nights?\", \"required\": true, \"fields\": [{\"name\": \"question_9\","
                        + " \"type\": \"textarea\", \"values\": []}]}]}"));
            }
            return FakeAts.notFound();
        });

        int code = connector.run("--connector.polls.greenhouse.board=acme",
                "--connector.polls.greenhouse.base-url=" + ats.baseUrl());

        assertThat(code).isZero();
        assertThat(ats.requests()).extracting(RecordedRequest::getTarget)
                .containsExactly("/v1/boards/acme/jobs?content=true", "/v1/boards/acme/jobs/11?questions=true");
        JsonNode questions = jobMojito.interviews().get(0).get("questions");
        assertThat(questions.get(questions.size() - 1).get("question").asText()).isEqualTo("Can you work nights?");
        assertThat(questions.get(questions.size() - 1).get("external_id").asText()).isEqualTo("question_9");
    }
}
