package dev.jobmojito.connector.applicationpolls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.TestLedgers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped Greenhouse Harvest v3 application poll (routes/poll-applications-greenhouse.camel.yaml,
 * mappings/candidates/greenhouse.yaml) against a stand-in: a token by OAuth 2.0 client credentials first
 * ({@code POST /token}), then {@code GET /v3/candidates} with the bearer token, {@code updated_at=gt|<ISO>}
 * honoured, pages of two followed by the {@code Link rel="next"} cursor URL (which carries the cursor alone, as
 * Harvest v3 documents). Candidates in the v1 shape with their applications (the README's assumption). Invented.
 */
class GreenhouseApplicationPollTest {

    private static final String SECRET = "gh-secret-Wm3Kd9Tz";
    private static final String ACCESS = "gh-access-Pb6Hy2Rc";
    private static final long JOB = 4690121L;
    private static final Instant T0 = Instant.parse("2026-11-28T09:00:00Z");

    private final DataSource database = TestLedgers.h2();
    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final FakeAts harvest = new FakeAts();
    private final Map<Long, Instant> updated = new LinkedHashMap<>();
    private final Map<Long, String> stages = new LinkedHashMap<>();
    /** The filter of the listing the cursor continues (the stand-in's cursor state). */
    private final AtomicReference<String> cursorFilter = new AtomicReference<>();
    private ApplicationPollHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        jobMojito.close();
        harvest.close();
    }

    private String candidate(long id) {
        return """
                {"id": %d, "first_name": "Cand%d", "last_name": "Doe%d", "updated_at": "%s",
                 "email_addresses": [{"value": "cand%d@example.com", "type": "personal"}],
                 "applications": [{"id": %d, "candidate_id": %d, "prospect": false, "status": "active",
                   "current_stage": {"id": 62828, "name": "%s"}, "jobs": [{"id": %d, "name": "Barista"}]}]}"""
                .formatted(id, id, id, updated.get(id), id, id * 10, id, stages.get(id), JOB);
    }

    private MockResponse answer(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/token")) {
            return FakeAts.json("{\"access_token\":\"" + ACCESS + "\",\"token_type\":\"bearer\",\"expires_in\":3600}");
        }
        if (!path.equals("/v3/candidates")) {
            return FakeAts.notFound();
        }
        if (!("Bearer " + ACCESS).equals(request.getHeaders().get("Authorization"))) {
            return FakeAts.status(401, "application/json", "{\"error\":\"unauthorized\"}");
        }
        String cursor = request.getUrl().queryParameter("cursor");
        if (cursor != null && request.getUrl().querySize() > 1) {
            return FakeAts.status(422, "application/json", "{\"error\":\"cursor must be the only parameter\"}");
        }
        String filter = cursor == null ? request.getUrl().queryParameter("updated_at") : cursorFilter.get();
        cursorFilter.set(filter);
        List<Long> matching = new ArrayList<>();
        for (Map.Entry<Long, Instant> entry : updated.entrySet()) {
            if (filter == null || entry.getValue().isAfter(Instant.parse(filter.substring("gt|".length())))) {
                matching.add(entry.getKey());
            }
        }
        int from = cursor == null ? 0 : Integer.parseInt(new String(Base64.getUrlDecoder().decode(cursor),
                StandardCharsets.UTF_8));
        int to = Math.min(matching.size(), from + 2);
        List<String> page = new ArrayList<>();
        matching.subList(from, to).forEach(id -> page.add(candidate(id)));
        MockResponse.Builder answer = new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/json").body("[" + String.join(",", page) + "]");
        if (to < matching.size()) {
            answer.setHeader("Link", "<" + harvest.baseUrl() + "/v3/candidates?cursor=" + Base64.getUrlEncoder()
                    .encodeToString(Integer.toString(to).getBytes(StandardCharsets.UTF_8)) + ">; rel=\"next\"");
        }
        return answer.build();
    }

    private ApplicationPollHarness connector() throws Exception {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("connector.invitations.polls.greenhouse.enabled", "false");
        settings.put("connector.invitations.polls.greenhouse.base-url", harvest.baseUrl());
        settings.put("connector.invitations.polls.greenhouse.token-url", harvest.baseUrl() + "/token");
        settings.put("connector.invitations.polls.greenhouse.client-id", "gh-client-9");
        settings.put("connector.invitations.polls.greenhouse.client-secret", SECRET);
        settings.put("connector.invitations.polls.greenhouse.client-secret-file", "");
        settings.put("connector.invitations.polls.greenhouse.interval", "1h");
        settings.put("connector.invitations.polls.greenhouse.overlap", "0");
        return new ApplicationPollHarness(database, jobMojito, "poll-applications-greenhouse.camel.yaml",
                "invitations-poll-greenhouse", settings);
    }

    private List<RecordedRequest> listings(int before) {
        List<RecordedRequest> all = harvest.requests();
        return all.subList(before, all.size()).stream()
                .filter(r -> r.getUrl().encodedPath().equals("/v3/candidates")).toList();
    }

    @Test
    void threeCyclesAndARestartInviteEachActiveApplicationAtTheStageOnce() throws Exception {
        ApplicationPollHarness.postingWithInterview(database, jobMojito, "greenhouse", Long.toString(JOB));
        updated.put(501L, T0);
        stages.put(501L, "AI interview");
        updated.put(502L, T0.plusSeconds(1));
        stages.put(502L, "Phone Screen");
        updated.put(503L, T0.plusSeconds(2));
        stages.put(503L, "AI interview");
        harvest.serve(this::answer);

        harness = connector();
        harness.cycle();
        List<RecordedRequest> first = listings(0);

        updated.put(501L, T0.plusSeconds(600));
        int seen = harvest.requests().size();
        harness.cycle();
        List<RecordedRequest> second = listings(seen);
        harness.close();

        updated.put(501L, T0.plusSeconds(1_200));
        seen = harvest.requests().size();
        harness = connector();
        harness.cycle();
        List<RecordedRequest> third = listings(seen);

        assertThat(harvest.requests().get(0).getUrl().encodedPath()).isEqualTo("/token");
        // two pages: the second is the Link header's URL exactly (the cursor alone)
        assertThat(first).hasSize(2);
        assertThat(first.get(0).getUrl().queryParameter("updated_at")).isNull();
        assertThat(first.get(1).getUrl().queryParameterNames()).containsExactly("cursor");
        assertThat(second).singleElement().satisfies(r -> assertThat(r.getUrl().queryParameter("updated_at"))
                .isEqualTo("gt|2026-11-28T09:00:02Z"));
        assertThat(third).singleElement().satisfies(r -> assertThat(r.getUrl().queryParameter("updated_at"))
                .isEqualTo("gt|2026-11-28T09:10:00Z"));

        // external_id greenhouse:<application id>; the candidate at another stage never invited
        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactlyInAnyOrder("greenhouse:5010",
                "greenhouse:5030");
        assertThat(harness.withStatus(JobStatus.SKIPPED)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("5010");
            assertThat(r.errors()).contains("already invited to this interview");
        });
        assertThat(harness.watermarks.find("invitations-poll-greenhouse")).contains(T0.plusSeconds(1_200));
    }
}
