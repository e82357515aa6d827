package dev.jobmojito.connector.applicationpolls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.secrets.SecretRegistry;
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
import javax.sql.DataSource;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The shipped Lever application poll (routes/poll-applications-lever.camel.yaml, mappings/candidates/lever.yaml)
 * against a Lever stand-in on loopback that answers {@code GET /v1/opportunities} as Lever documents it: basic
 * auth with the API key as the user, {@code updated_at_start} (epoch ms) honoured, pages of two with
 * {@code {"data": [...], "hasNext": ..., "next": "<offset token>"}}. Invented opportunities.
 */
class LeverApplicationPollTest {

    private static final String API_KEY = "lever-key-Hx83Lq2Zp";
    private static final String POSTING = "3f6c2a91-7d4e-4b8a-9c1f-5e2d8a7b6c01";
    private static final String OTHER_POSTING = "a81b5e07-2c39-4f6d-8e14-0b7c9d3f2a55";
    private static final String MAREN = "9b2f4c1e-5a7d-4e3b-8c60-2f1d9a8e7b01";
    private static final String KOFI = "4e8a1c7d-2b9f-4d6e-a5c3-0f1e2d3c4b02";
    private static final String INES = "7c3b9e2a-1d8f-4a5c-b6e4-3a2b1c0d9e03";
    private static final long T0 = 1764490800000L;

    private final DataSource database = TestLedgers.h2();
    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final FakeAts lever = new FakeAts();
    /** The account's opportunities by id, in the order they were created. */
    private final Map<String, ObjectNode> opportunities = new LinkedHashMap<>();
    private ApplicationPollHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        jobMojito.close();
        lever.close();
    }

    private static ObjectNode opportunity(String id, String name, String email, String stage, String posting,
                                          long updatedAt) {
        ObjectNode opportunity = Json.object();
        opportunity.put("id", id);
        opportunity.put("name", name);
        opportunity.put("headline", "Engineer");
        opportunity.putArray("emails").add(email);
        ObjectNode stageNode = opportunity.putObject("stage");
        stageNode.put("id", "stage-" + stage.toLowerCase().replace(' ', '-'));
        stageNode.put("text", stage);
        opportunity.putNull("archived");
        ObjectNode application = opportunity.putArray("applications").addObject();
        application.put("id", "app-" + id.substring(0, 8));
        application.put("type", "posting");
        application.put("posting", posting);
        opportunity.put("createdAt", updatedAt - 86_400_000L);
        opportunity.put("updatedAt", updatedAt);
        return opportunity;
    }

    /** GET /v1/opportunities: filtered by updated_at_start, two per page, the next page's token in "next". */
    private MockResponse answer(RecordedRequest request) {
        if (!request.getUrl().encodedPath().equals("/v1/opportunities")) {
            return FakeAts.notFound();
        }
        String since = request.getUrl().queryParameter("updated_at_start");
        String offset = request.getUrl().queryParameter("offset");
        List<ObjectNode> changed = new ArrayList<>();
        for (ObjectNode opportunity : opportunities.values()) {
            if (since == null || opportunity.path("updatedAt").asLong() >= Long.parseLong(since)) {
                changed.add(opportunity);
            }
        }
        int from = offset == null ? 0 : Integer.parseInt(offset.substring("tok-".length()));
        int to = Math.min(changed.size(), from + 2);
        ObjectNode page = Json.object();
        ArrayNode data = page.putArray("data");
        changed.subList(from, to).forEach(data::add);
        page.put("hasNext", to < changed.size());
        if (to < changed.size()) {
            page.put("next", "tok-" + to);
        }
        return FakeAts.json(Json.write(page));
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("connector.invitations.polls.lever.enabled", "false");
        settings.put("connector.invitations.polls.lever.base-url", lever.baseUrl());
        settings.put("connector.invitations.polls.lever.api-key", API_KEY);
        settings.put("connector.invitations.polls.lever.api-key-file", "");
        settings.put("connector.invitations.polls.lever.stage-id", "");
        settings.put("connector.invitations.polls.lever.interval", "1h");
        settings.put("connector.invitations.polls.lever.overlap", "0");
        return settings;
    }

    private ApplicationPollHarness connector() throws Exception {
        return new ApplicationPollHarness(database, jobMojito, "poll-applications-lever.camel.yaml",
                "invitations-poll-lever", settings());
    }

    private List<RecordedRequest> requestsSince(int before) {
        List<RecordedRequest> all = lever.requests();
        return all.subList(before, all.size());
    }

    @Test
    void threeCyclesAndARestartInviteEachApplicationAtTheStageOnceAndAskFromTheWatermark() throws Exception {
        ApplicationPollHarness.postingWithInterview(database, jobMojito, "lever", POSTING);
        opportunities.put(MAREN, opportunity(MAREN, "Maren Solberg", "maren.solberg@example.com", "AI interview",
                POSTING, T0));
        opportunities.put(KOFI, opportunity(KOFI, "Kofi Mensah", "kofi.mensah@example.org", "Phone screen",
                POSTING, T0 + 1_000));
        opportunities.put(INES, opportunity(INES, "Inés Calvo", "ines.calvo@example.com", "AI interview", POSTING,
                T0 + 2_000));
        lever.serve(this::answer);
        // as SecretSettings does at start for every setting named like a secret (…lever.api-key): the log
        // appenders' MaskingEncoder then masks it in whatever line it appears (Camel's own DEBUG lines included)
        SecretRegistry.register(API_KEY);

        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        // as application.yaml pins them: the HTTP client's wire log shows every body
        List<Logger> pinned = List.of((Logger) LoggerFactory.getLogger("org.apache.hc.client5.http.wire"),
                (Logger) LoggerFactory.getLogger("org.apache.hc.client5.http.headers"));
        pinned.forEach(logger -> logger.setLevel(Level.OFF));
        List<RecordedRequest> first;
        List<RecordedRequest> second;
        List<RecordedRequest> third;
        List<JobResult> results = new ArrayList<>();
        try {
            // cycle 1: no watermark yet; two pages
            harness = connector();
            harness.cycle();
            first = requestsSince(0);
            Instant afterFirst = harness.watermarks.find("invitations-poll-lever").orElseThrow();

            // cycle 2: Maren's opportunity changed (a note added), still at the stage
            opportunities.get(MAREN).put("updatedAt", T0 + 3_600_000);
            int seen = lever.requests().size();
            harness.cycle();
            second = requestsSince(seen);
            Instant afterSecond = harness.watermarks.find("invitations-poll-lever").orElseThrow();
            results.addAll(harness.results);
            harness.close();

            // a restart on the same database, and cycle 3 after another change
            opportunities.get(MAREN).put("updatedAt", T0 + 7_200_000);
            seen = lever.requests().size();
            harness = connector();
            harness.cycle();
            third = requestsSince(seen);
            results.addAll(harness.results);

            assertThat(afterFirst).isEqualTo(Instant.ofEpochMilli(T0 + 2_000));
            assertThat(afterSecond).isEqualTo(Instant.ofEpochMilli(T0 + 3_600_000));
            assertThat(harness.watermarks.find("invitations-poll-lever")).contains(
                    Instant.ofEpochMilli(T0 + 7_200_000));
        } finally {
            root.setLevel(before);
            root.detachAppender(logs);
            pinned.forEach(logger -> logger.setLevel(null));
        }

        // pagination followed: the second page asked with the first page's token, on the first page's filters
        assertThat(first).hasSize(2);
        assertThat(first.get(0).getUrl().queryParameter("updated_at_start")).isNull();
        assertThat(first.get(0).getUrl().queryParameterValues("expand")).containsExactly("stage", "applications");
        assertThat(first.get(1).getUrl().queryParameter("offset")).isEqualTo("tok-2");
        assertThat(first.get(0).getHeaders().get("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString((API_KEY + ":").getBytes(StandardCharsets.UTF_8)));
        // the watermark sent as updated_at_start on the next cycle, and kept across the restart
        assertThat(second).singleElement().satisfies(r ->
                assertThat(r.getUrl().queryParameter("updated_at_start")).isEqualTo(Long.toString(T0 + 2_000)));
        assertThat(third).singleElement().satisfies(r ->
                assertThat(r.getUrl().queryParameter("updated_at_start")).isEqualTo(Long.toString(T0 + 3_600_000)));

        // one register-users row per application, ever; the other stage never invited
        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactlyInAnyOrder("lever:" + MAREN,
                "lever:" + INES);
        assertThat(results).filteredOn(r -> r.status() == JobStatus.INVITED).hasSize(2).allSatisfy(r -> {
            assertThat(r.source().route()).isEqualTo("invitations-poll-lever");
            assertThat(r.source().file()).startsWith(lever.baseUrl() + "/v1/opportunities");
            assertThat(r.detail().path("external_id").asText()).isEqualTo("lever:" + r.code());
        });
        assertThat(results).filteredOn(r -> r.status() == JobStatus.SKIPPED && r.code().equals(MAREN)).hasSize(2)
                .allSatisfy(r -> assertThat(r.errors()).contains("already invited to this interview"));
        assertThat(results).filteredOn(r -> KOFI.equals(r.code())).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(JobStatus.SKIPPED);
            assertThat(r.errors()).singleElement().asString().contains("Phone screen");
        });

        // no name, email, link or secret in any log line at DEBUG
        assertThat(logs.list).as("something was logged at DEBUG").isNotEmpty();
        List<String> links = jobMojito.sandbox().registrations().stream()
                .map(r -> r.path("interview_url").asText()).toList();
        List<String> personal = new ArrayList<>(List.of("Maren", "Solberg", "maren.solberg@example.com", "Kofi",
                "kofi.mensah", "Inés", "Calvo", "ines.calvo"));
        personal.addAll(links);
        List<String> secrets = List.of(API_KEY, Base64.getEncoder().encodeToString((API_KEY + ":")
                .getBytes(StandardCharsets.UTF_8)));
        for (ILoggingEvent event : logs.list) {
            String text = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(text).as(event.getLoggerName()).doesNotContain(personal);
            // what the appenders write (MaskingEncoder)
            assertThat(SecretRegistry.mask(text)).as(event.getLoggerName()).doesNotContain(secrets);
        }
    }

    @Test
    void anApplicationWaitingForItsPostingsInterviewHoldsTheWatermarkBackAndIsInvitedWhenSeenAgain()
            throws Exception {
        ApplicationPollHarness.postingWithInterview(database, jobMojito, "lever", POSTING);
        opportunities.put(INES, opportunity(INES, "Inés Calvo", "ines.calvo@example.com", "AI interview",
                OTHER_POSTING, T0));
        opportunities.put(MAREN, opportunity(MAREN, "Maren Solberg", "maren.solberg@example.com", "AI interview",
                POSTING, T0 + 5_000));
        lever.serve(this::answer);
        harness = connector();

        harness.cycle();
        assertThat(harness.withStatus(JobStatus.WAITING)).singleElement()
                .satisfies(r -> assertThat(r.code()).isEqualTo(INES));
        // just before the waiting application: the next cycle lists it again
        assertThat(harness.watermarks.find("invitations-poll-lever")).contains(Instant.ofEpochMilli(T0 - 1));

        ApplicationPollHarness.postingWithInterview(database, jobMojito, "lever", OTHER_POSTING);
        harness.cycle();

        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactlyInAnyOrder("lever:" + MAREN,
                "lever:" + INES);
        assertThat(harness.watermarks.find("invitations-poll-lever")).contains(Instant.ofEpochMilli(T0 + 5_000));
    }

    @Test
    void aPageThatFailsLeavesTheWatermarkWhereItWas() throws Exception {
        ApplicationPollHarness.postingWithInterview(database, jobMojito, "lever", POSTING);
        opportunities.put(MAREN, opportunity(MAREN, "Maren Solberg", "maren.solberg@example.com", "AI interview",
                POSTING, T0));
        opportunities.put(KOFI, opportunity(KOFI, "Kofi Mensah", "kofi.mensah@example.org", "Phone screen",
                POSTING, T0 + 1_000));
        opportunities.put(INES, opportunity(INES, "Inés Calvo", "ines.calvo@example.com", "AI interview", POSTING,
                T0 + 2_000));
        lever.serve(request -> request.getUrl().queryParameter("offset") != null
                ? FakeAts.status(503, "application/json", "{\"code\":\"ServiceUnavailable\"}") : answer(request));
        harness = connector();

        harness.cycle();

        // the first page's applications were invited; the failed second page stores no watermark
        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactly("lever:" + MAREN);
        assertThat(harness.watermarks.find("invitations-poll-lever")).isEmpty();
        assertThat(harness.withStatus(JobStatus.FAILED)).singleElement().satisfies(r ->
                assertThat(r.errors()).singleElement().asString().contains("page 2", "HTTP 503",
                        "the watermark stays"));

        lever.serve(this::answer);
        harness.cycle();
        assertThat(ApplicationPollHarness.registered(jobMojito)).containsExactlyInAnyOrder("lever:" + MAREN,
                "lever:" + INES);
        assertThat(harness.watermarks.find("invitations-poll-lever")).contains(Instant.ofEpochMilli(T0 + 2_000));
    }
}
