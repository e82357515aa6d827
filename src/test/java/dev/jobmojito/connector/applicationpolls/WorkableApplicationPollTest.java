package dev.jobmojito.connector.applicationpolls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.TestLedgers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Workable application poll (routes/poll-applications-workable.camel.yaml,
 * mappings/candidates/workable.yaml) against a stand-in answering {@code GET /spi/v3/candidates} as Workable
 * documents it: a bearer token, {@code stage} (the stage's slug) and {@code updated_after} (ISO-8601) honoured,
 * candidates in the order they were inserted, {@code limit} per page (two here) and
 * {@code {"candidates": [...], "paging": {"next": "<url>"}}}. Invented candidates.
 */
class WorkableApplicationPollTest {

    private static final String TOKEN = "workable-token-Jr4vN8sQ2";
    private static final String SHORTCODE = "GROOV005";
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final DataSource database = TestLedgers.h2();
    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final FakeAts workable = new FakeAts();
    /** The account's candidates by id, in the order they were inserted, with their stage's slug. */
    private final Map<String, ObjectNode> candidates = new LinkedHashMap<>();
    private final Map<String, String> slugs = new LinkedHashMap<>();
    private ApplicationPollHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        jobMojito.close();
        workable.close();
    }

    private void candidate(String id, String name, String stage, String slug, Instant updatedAt) {
        ObjectNode candidate = Json.object();
        candidate.put("id", id);
        candidate.put("name", name);
        candidate.put("firstname", name.split(" ")[0]);
        candidate.put("lastname", name.split(" ")[1]);
        candidate.putObject("account").put("subdomain", "groove-tech");
        ObjectNode job = candidate.putObject("job");
        job.put("shortcode", SHORTCODE);
        job.put("title", "Office Manager");
        candidate.put("stage", stage);
        candidate.put("disqualified", false);
        candidate.put("sourced", false);
        candidate.put("email", name.toLowerCase().replace(' ', '.') + "@example.com");
        candidate.put("created_at", updatedAt.minusSeconds(86_400).toString());
        candidate.put("updated_at", updatedAt.toString());
        candidates.put(id, candidate);
        slugs.put(id, slug);
    }

    /** GET /spi/v3/candidates: stage and updated_after honoured, two per page, paging.next a full URL. */
    private MockResponse answer(RecordedRequest request) {
        if (!request.getUrl().encodedPath().equals("/spi/v3/candidates")) {
            return FakeAts.notFound();
        }
        if (!("Bearer " + TOKEN).equals(request.getHeaders().get("Authorization"))) {
            return FakeAts.status(401, "application/json", "{\"error\":\"Not authorized\"}");
        }
        String stage = request.getUrl().queryParameter("stage");
        String after = request.getUrl().queryParameter("updated_after");
        String sinceId = request.getUrl().queryParameter("since_id");
        int limit = 2;
        List<ObjectNode> matching = new ArrayList<>();
        boolean reached = sinceId == null;
        for (Map.Entry<String, ObjectNode> entry : candidates.entrySet()) {
            reached = reached || entry.getKey().equals(sinceId);
            if (reached && (stage == null || stage.equals(slugs.get(entry.getKey())))
                    && (after == null || Instant.parse(entry.getValue().path("updated_at").asText())
                    .isAfter(Instant.parse(after)))) {
                matching.add(entry.getValue());
            }
        }
        ObjectNode page = Json.object();
        ArrayNode list = page.putArray("candidates");
        matching.stream().limit(limit).forEach(list::add);
        ObjectNode paging = page.putObject("paging");
        if (matching.size() > limit) {
            String next = request.getUrl().newBuilder().setQueryParameter("since_id",
                    matching.get(limit).path("id").asText()).build().toString();
            paging.put("next", next);
        }
        return FakeAts.json(Json.write(page));
    }

    private ApplicationPollHarness connector() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("connector.invitations.polls.workable.enabled", "false");
        settings.put("connector.invitations.polls.workable.base-url", workable.baseUrl());
        settings.put("connector.invitations.polls.workable.token", TOKEN);
        settings.put("connector.invitations.polls.workable.token-file", "");
        settings.put("connector.invitations.polls.workable.stage", "ai-interview");
        settings.put("connector.invitations.polls.workable.interval", "1h");
        settings.put("connector.invitations.polls.workable.overlap", "0");
        return new ApplicationPollHarness(database, jobMojito, "poll-applications-workable.camel.yaml",
                "invitations-poll-workable", settings);
    }

    private List<RecordedRequest> requestsSince(int before) {
        List<RecordedRequest> all = workable.requests();
        return all.subList(before, all.size());
    }

    @Test
    void threeCyclesAndARestartInviteEachCandidateAtTheStageOnceAndAskFromTheWatermark() throws Exception {
        ApplicationPollHarness.postingWithInterview(database, jobMojito, "workable", SHORTCODE);
        candidate("ce4da98", "Lakita Marrero", "AI interview", "ai-interview", T0);
        candidate("ce4da99", "Tomas Berg", "Phone screen", "phone-screen", T0.plusSeconds(1));
        candidate("ce4da9a", "Ama Owusu", "AI interview", "ai-interview", T0.plusSeconds(2));
        candidate("ce4da9b", "Jun Park", "AI interview", "ai-interview", T0.plusSeconds(3));
        workable.serve(this::answer);

        harness = connector();
        harness.cycle();
        List<RecordedRequest> first = requestsSince(0);

        candidates.get("ce4da98").put("updated_at", T0.plusSeconds(3_600).toString());
        int seen = workable.requests().size();
        harness.cycle();
        List<RecordedRequest> second = requestsSince(seen);
        int invitedBeforeRestart = harness.withStatus(JobStatus.INVITED).size();
        harness.close();

        candidates.get("ce4da98").put("updated_at", T0.plusSeconds(7_200).toString());
        seen = workable.requests().size();
        harness = connector();
        harness.cycle();
        List<RecordedRequest> third = requestsSince(seen);

        // the stage asked for by its slug; the next page from paging.next
        assertThat(first).hasSize(2);
        assertThat(first.get(0).getUrl().queryParameter("stage")).isEqualTo("ai-interview");
        assertThat(first.get(0).getUrl().queryParameter("updated_after")).isNull();
        assertThat(first.get(1).getUrl().queryParameter("since_id")).isEqualTo("ce4da9b");
        // the watermark sent as updated_after, kept across the restart
        assertThat(second).singleElement().satisfies(r -> assertThat(r.getUrl().queryParameter("updated_after"))
                .isEqualTo("2026-11-29T10:00:03Z"));
        assertThat(third).singleElement().satisfies(r -> assertThat(r.getUrl().queryParameter("updated_after"))
                .isEqualTo("2026-11-29T11:00:00Z"));
        assertThat(harness.watermarks.find("invitations-poll-workable")).contains(T0.plusSeconds(7_200));

        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactlyInAnyOrder("workable:ce4da98",
                "workable:ce4da9a", "workable:ce4da9b");
        assertThat(invitedBeforeRestart).isEqualTo(3);
        assertThat(harness.withStatus(JobStatus.SKIPPED)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("ce4da98");
            assertThat(r.errors()).contains("already invited to this interview");
            assertThat(r.source().route()).isEqualTo("invitations-poll-workable");
        });
    }
}
