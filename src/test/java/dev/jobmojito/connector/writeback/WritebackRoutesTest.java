package dev.jobmojito.connector.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.TestLedgers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write-back as shipped (routes/writeback-*.camel.yaml made from the ats-writeback template, the result
 * mappings of mappings/results, {@link WritebackRoutes}) on a bare Camel context, against ATS stand-ins on
 * loopback: what each shipped ATS receives, the OAuth token's life, retries and Retry-After, one note per result
 * version, a lost answer, the dead letter and its replay, and what never reaches a log or a result.
 */
class WritebackRoutesTest {

    private static final String LEVER_KEY = "lever-key-Zq81xT0c";
    private static final String WORKABLE_TOKEN = "workable-token-Hq2vP9s1";
    private static final String GREENHOUSE_SECRET = "gh-secret-Lm44aa9Xc";
    private static final String NAME = "Ana Exemplo";
    private static final String EMAIL = "ana.exemplo@example.test";
    private static final String PHONE = "+351 910 000 111";

    @TempDir
    Path work;

    private final StandInAts ats = new StandInAts();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private DefaultCamelContext camel;
    private DataSource db;
    private ProducerTemplate producer;
    private Writeback writeback;

    @BeforeEach
    void watchLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (camel != null) {
            camel.stop();
        }
        ats.close();
    }

    /** Starts the shipped write-back routes with every ATS pointed at the stand-in (Workable only when asked). */
    private void start(boolean workable) throws Exception {
        start(workable, 0);
    }

    /** The same, Lever's write-backs limited to {@code leverRateLimit} calls per second (0: none). */
    private void start(boolean workable, int leverRateLimit) throws Exception {
        camel = new DefaultCamelContext();
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        Properties settings = new Properties();
        settings.put("connector.writeback.folder", work.resolve("ats-notes").toString());
        settings.put("connector.writeback.lever.base-url", ats.baseUrl());
        settings.put("connector.writeback.lever.api-key", LEVER_KEY);
        settings.put("connector.writeback.lever.api-key-file", "");
        settings.put("connector.writeback.lever.perform-as", "user-9f3");
        settings.put("connector.writeback.lever.rate-limit", String.valueOf(leverRateLimit));
        settings.put("connector.writeback.workable.rate-limit", "0");
        settings.put("connector.writeback.greenhouse.rate-limit", "0");
        settings.put("connector.writeback.workable.base-url", workable ? ats.baseUrl() : "");
        settings.put("connector.writeback.workable.token", WORKABLE_TOKEN);
        settings.put("connector.writeback.workable.token-file", "");
        settings.put("connector.writeback.workable.member-id", "member-21");
        settings.put("connector.writeback.greenhouse.base-url", ats.baseUrl());
        settings.put("connector.writeback.greenhouse.token-url", ats.baseUrl() + "/token");
        settings.put("connector.writeback.greenhouse.client-id", "gh-client-7");
        settings.put("connector.writeback.greenhouse.client-secret", GREENHOUSE_SECRET);
        settings.put("connector.writeback.greenhouse.client-secret-file", "");
        settings.put("connector.writeback.greenhouse.token-parameters", "");
        camel.getPropertiesComponent().setInitialProperties(settings);
        db = TestLedgers.h2();
        ResultMappings mappings = new ResultMappings(Path.of("mappings/results"), new MappingLoader(name -> null));
        assertThat(mappings.loadAll()).isEmpty();
        writeback = new Writeback(mappings, new WritebackLedger(db, Clock.systemUTC()),
                new WritebackLetters(db, Clock.systemUTC()), "folder", Duration.ofSeconds(5), Clock.systemUTC());
        camel.addRoutes(new WritebackRoutes(writeback, new dev.jobmojito.connector.system.ConnectorProperties.Retry(
                4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5)), Duration.ofSeconds(2),
                Duration.ofSeconds(2)));
        var loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/writeback-template.camel.yaml"));
        for (String target : List.of("folder", "lever", "workable", "greenhouse")) {
            loader.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/writeback-" + target
                    + ".camel.yaml"));
        }
        camel.start();
        producer = camel.createProducerTemplate();
    }

    private JobResult write(InterviewResult result) {
        return producer.requestBody("direct:ats-writeback", result, JobResult.class);
    }

    private static InterviewResult result(String source, String application, String id, String version) {
        ObjectNode payload = Json.object();
        payload.put("id", id);
        payload.put("interview_id", "iv-77");
        payload.put("status", "active");
        payload.put("interview_status", "completed");
        payload.put("score", 82);
        payload.put("ai_analysis_recruiter_score", 78);
        payload.put("ai_analysis_recruiter", "Clear answers about espresso drinks; strong with customers.");
        payload.putArray("ai_analysis_recruiter_why_hire").add("Two years behind a bar").add("Calm under pressure");
        payload.put("ai_analysis_recruiter_why_not_hire", "Little experience with roasting.");
        payload.put("recruiter_go_next_round", true);
        payload.put("pdf_export_url", "https://files.example.test/reports/" + id + ".pdf");
        payload.put("candidate_name", NAME);
        payload.put("candidate_email", EMAIL);
        payload.put("candidate_phone_number", PHONE);
        payload.put("candidate_external_id", source + ":" + application);
        return new InterviewResult(id, version, "interview_result", "iv-77", "lever:4012", source, application,
                payload);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    // ---- each shipped ATS gets the right request -----------------------------------------------------------

    @Test
    void leverGetsANoteOnTheOpportunityWithTheApiKeyAsUserAndPerformAs() throws Exception {
        start(false);
        ats.script("POST /v1/opportunities/", StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"note-5501\"}}"));

        JobResult written = write(result("lever", "opp-250e", "res-1", "v1"));

        assertThat(written.status()).isEqualTo(JobStatus.WRITTEN);
        List<StandInAts.Request> notes = ats.requests("POST", "/v1/opportunities/opp-250e/notes");
        assertThat(notes).hasSize(1);
        StandInAts.Request note = notes.get(0);
        assertThat(note.query()).isEqualTo("perform_as=user-9f3");
        assertThat(note.header("Authorization")).isEqualTo(basic(LEVER_KEY, ""));
        JsonNode body = Json.MAPPER.readTree(note.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("value");
        String text = body.get("value").asText();
        assertThat(text).contains("Score: 82 / recruiter score 78", "Recommendation: Advance to the next round",
                "Why hire: Two years behind a bar, Calm under pressure", "Why not: Little experience with roasting.",
                "Full report (PDF): https://files.example.test/reports/res-1.pdf", "jobmojito-result:res-1:v1");
        assertThat(text).doesNotContain(NAME, EMAIL, PHONE);
        JsonNode line = written.toJson();
        assertThat(line.path("detail").path("result_id").asText()).isEqualTo("res-1");
        assertThat(line.path("detail").path("version").asText()).isEqualTo("v1");
        assertThat(line.path("detail").path("application").asText()).isEqualTo("lever:opp-250e");
        assertThat(line.path("detail").path("target").asText()).isEqualTo("lever");
        assertThat(line.path("detail").path("ats_reference").asText()).isEqualTo("note-5501");
        assertThat(line.toString()).doesNotContain(NAME, EMAIL, PHONE, LEVER_KEY);
    }

    @Test
    void workableGetsACommentOnTheCandidateWithTheBearerTokenAsTheMember() throws Exception {
        start(true);
        ats.script("POST /spi/v3/candidates/", StandInAts.Answer.of(201, "{\"id\":\"c-88\"}"));

        JobResult written = write(result("workable", "3fa2b1", "res-2", "v1"));

        assertThat(written.status()).isEqualTo(JobStatus.WRITTEN);
        List<StandInAts.Request> comments = ats.requests("POST", "/spi/v3/candidates/3fa2b1/comments");
        assertThat(comments).hasSize(1);
        assertThat(comments.get(0).header("Authorization")).isEqualTo("Bearer " + WORKABLE_TOKEN);
        JsonNode body = Json.MAPPER.readTree(comments.get(0).body());
        assertThat(body.path("member_id").asText()).isEqualTo("member-21");
        assertThat(body.path("comment").path("body").asText()).contains("score 82", "recommendation: move forward",
                "jobmojito-result:res-2:v1");
    }

    @Test
    void greenhouseTokenIsFetchedOnceKeptAndFetchedAgainOnlyAfterA401() throws Exception {
        start(false);
        ats.script("POST /token", StandInAts.Answer.of(200,
                        "{\"access_token\":\"gh-access-aaaa1111\",\"token_type\":\"bearer\",\"expires_in\":3600}"),
                StandInAts.Answer.of(200,
                        "{\"access_token\":\"gh-access-bbbb2222\",\"token_type\":\"bearer\",\"expires_in\":3600}"));
        ats.script("POST /v3/applications/", StandInAts.Answer.of(201, "{\"id\":9001}"),
                StandInAts.Answer.of(201, "{\"id\":9002}"), StandInAts.Answer.of(201, "{\"id\":9003}"),
                StandInAts.Answer.of(201, "{\"id\":9004}"),
                // the token was revoked: 401 once, then the note is taken with a new token
                StandInAts.Answer.of(401, "{\"error\":\"invalid_token\"}"), StandInAts.Answer.of(201, "{\"id\":9005}"),
                StandInAts.Answer.of(201, "{\"id\":9006}"));

        assertThat(write(result("greenhouse", "4501", "res-3", "v1")).status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(write(result("greenhouse", "4502", "res-4", "v1")).status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(ats.requests("POST", "/token")).hasSize(1);

        JobResult afterRevoke = write(result("greenhouse", "4503", "res-5", "v1"));

        assertThat(afterRevoke.status()).isEqualTo(JobStatus.WRITTEN);
        List<StandInAts.Request> tokens = ats.requests("POST", "/token");
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(0).header("Authorization")).isEqualTo(basic("gh-client-7", GREENHOUSE_SECRET));
        assertThat(tokens.get(0).body()).isEqualTo("grant_type=client_credentials");
        List<StandInAts.Request> notes = ats.requests("POST", "/v3/applications/4503/notes");
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).header("Authorization")).isEqualTo("Bearer gh-access-aaaa1111");
        assertThat(notes.get(1).header("Authorization")).isEqualTo("Bearer gh-access-bbbb2222");
        StandInAts.Request note = ats.requests("POST", "/v3/applications/4501/notes").get(0);
        assertThat(Json.MAPPER.readTree(note.body()).path("body").asText()).contains("Score: 82",
                "jobmojito-result:res-3:v1");
        List<StandInAts.Request> attachments = ats.requests("POST", "/v3/applications/4501/attachments");
        assertThat(attachments).hasSize(1);
        JsonNode attachment = Json.MAPPER.readTree(attachments.get(0).body());
        assertThat(attachment.path("url").asText()).isEqualTo("https://files.example.test/reports/res-3.pdf");
        assertThat(attachment.path("filename").asText()).isEqualTo("jobmojito-interview-res-3.pdf");
        assertThat(attachment.path("type").asText()).isEqualTo("other");
    }

    // ---- delivery rules -----------------------------------------------------------------------------------

    @Test
    void tooManyRequestsWithRetryAfterThenAServerErrorThenCreatedIsWrittenExactlyOnce() throws Exception {
        start(false);
        ats.script("POST /v1/opportunities/", new StandInAts.Answer(429, "{\"code\":\"TooManyRequests\"}",
                        Map.of("Retry-After", "1")), StandInAts.Answer.of(500, "{\"code\":\"InternalError\"}"),
                StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"note-77\"}}"));
        long started = System.nanoTime();

        JobResult written = write(result("lever", "opp-3", "res-6", "v1"));

        assertThat(written.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(written.attempts()).isEqualTo(3);
        assertThat(ats.requests("POST", "/v1/opportunities/opp-3/notes")).hasSize(3);
        // the ATS asked for a second: obeyed, not the 20 ms back-off
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(ledgerStatus("lever", "opp-3", "res-6", "v1")).isEqualTo("done");
    }

    @Test
    void theSameResultVersionGivenTwiceMakesOneNoteAndANewVersionMakesAnother() throws Exception {
        start(false);
        ats.otherwise(request -> StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"n\"}}"));

        JobResult first = write(result("lever", "opp-4", "res-7", "v1"));
        JobResult again = write(result("lever", "opp-4", "res-7", "v1"));
        JobResult changed = write(result("lever", "opp-4", "res-7", "v2"));

        assertThat(first.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(again.status()).isEqualTo(JobStatus.SKIPPED);
        assertThat(again.errors()).anyMatch(e -> e.contains("already written"));
        assertThat(changed.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(ats.requests("POST", "/v1/opportunities/opp-4/notes")).hasSize(2);
    }

    @Test
    void aLostAnswerIsLookedForInLeverAndTheNoteIsNotSentTwice() throws Exception {
        start(false);
        ats.script("POST /v1/opportunities/", StandInAts.LOST);
        // the listing holds the note that was taken: its marker line is there
        ats.script("GET /v1/opportunities/opp-5/notes", StandInAts.Answer.of(200,
                "{\"data\":[{\"id\":\"note-0\",\"value\":\"JobMojito AI interview ... [jobmojito-result:res-8:v10]\"},"
                        + "{\"id\":\"note-1\",\"value\":\"JobMojito AI interview ... [jobmojito-result:res-8:v1]\"}],"
                        + "\"hasNext\":false}"));

        JobResult written = write(result("lever", "opp-5", "res-8", "v1"));

        assertThat(written.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(written.note()).contains("found");
        assertThat(ats.requests("POST", "/v1/opportunities/opp-5/notes")).hasSize(1);
        assertThat(ats.requests("GET", "/v1/opportunities/opp-5/notes")).hasSize(1);
    }

    @Test
    void aLostAnswerWhoseNoteIsNotInLeverIsSentAgain() throws Exception {
        start(false);
        ats.script("POST /v1/opportunities/", StandInAts.LOST,
                StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"note-2\"}}"));
        ats.script("GET /v1/opportunities/opp-6/notes", StandInAts.Answer.of(200,
                "{\"data\":[{\"id\":\"x\",\"value\":\"a recruiter's own note\"},"
                        // a later version's note: v1 is not found inside v10
                        + "{\"id\":\"y\",\"value\":\"... [jobmojito-result:res-9:v10]\"}],\"hasNext\":false}"));

        JobResult written = write(result("lever", "opp-6", "res-9", "v1"));

        assertThat(written.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(ats.requests("POST", "/v1/opportunities/opp-6/notes")).hasSize(2);
    }

    @Test
    void aLostAnswerWhereTheAtsCannotBeAskedIsParkedForAPersonAndReplayedOnRequest() throws Exception {
        start(true);
        ats.script("POST /spi/v3/candidates/", StandInAts.LOST);

        JobResult parked = write(result("workable", "cand-9", "res-10", "v1"));

        assertThat(parked.status()).isEqualTo(JobStatus.FAILED);
        assertThat(parked.note()).startsWith("parked as ");
        assertThat(parked.errors().get(0)).contains("cannot be asked", "jobmojito-result:res-10:v1");
        assertThat(ats.requests("POST", "/spi/v3/candidates/cand-9/comments")).hasSize(1);
        assertThat(ledgerStatus("workable", "cand-9", "res-10", "v1")).isEqualTo("parked");
        List<WritebackLetters.Letter> letters = new WritebackLetters(db, Clock.systemUTC()).all();
        assertThat(letters).hasSize(1);
        String letter = letters.get(0).content().toString();
        assertThat(letter).doesNotContain(NAME, EMAIL, PHONE, WORKABLE_TOKEN).contains("res-10");

        // the same version delivered again (a re-delivery, a restart): nothing is sent, a person decides
        JobResult redelivered = write(result("workable", "cand-9", "res-10", "v1"));
        assertThat(redelivered.status()).isEqualTo(JobStatus.SKIPPED);
        assertThat(ats.requests("POST", "/spi/v3/candidates/cand-9/comments")).hasSize(1);

        // the person checked Workable and replays the letter: sent, and the letter leaves the table
        ats.script("POST /spi/v3/candidates/", StandInAts.Answer.of(201, "{\"id\":\"c-2\"}"));
        var printed = new java.io.ByteArrayOutputStream();
        int stillParked = new WritebackReplay(camel, producer, new WritebackLetters(db, Clock.systemUTC()), writeback)
                .run(new java.io.PrintStream(printed, true, StandardCharsets.UTF_8));
        assertThat(stillParked).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(letters.get(0).name() + ": written");
        assertThat(ats.requests("POST", "/spi/v3/candidates/cand-9/comments")).hasSize(2);
        assertThat(new WritebackLetters(db, Clock.systemUTC()).all()).isEmpty();
    }

    @Test
    void aNoteInFlightWhenTheConnectorDiedIsLookedForAfterTheRestartNotSentAgain() throws Exception {
        start(true);
        // the connector died after marking the notes in flight and sending them: the rows are what it left
        WritebackLedger before = new WritebackLedger(db, Clock.systemUTC());
        for (var key : List.of(new WritebackLedger.Key("lever", "opp-11", "res-20", "v1"),
                new WritebackLedger.Key("workable", "cand-11", "res-21", "v1"))) {
            before.claim(key);
            before.sending(key);
        }
        ats.script("GET /v1/opportunities/opp-11/notes", StandInAts.Answer.of(200,
                "{\"data\":[{\"id\":\"n-1\",\"value\":\"... [jobmojito-result:res-20:v1]\"}],\"hasNext\":false}"));

        // the same versions delivered again after the restart
        JobResult lever = write(result("lever", "opp-11", "res-20", "v1"));
        JobResult workable = write(result("workable", "cand-11", "res-21", "v1"));

        assertThat(lever.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(lever.note()).contains("found");
        assertThat(workable.status()).isEqualTo(JobStatus.FAILED);
        assertThat(workable.note()).startsWith("parked as ");
        assertThat(ats.requests("POST", "/")).isEmpty();
    }

    @Test
    void triesUsedUpParkTheWriteAsADeadLetter() throws Exception {
        start(false);
        ats.otherwise(request -> StandInAts.Answer.of(503, "{\"code\":\"Unavailable\"}"));

        JobResult failed = write(result("lever", "opp-7", "res-11", "v1"));

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(new JdbcTemplate(db).queryForObject("SELECT COUNT(*) FROM dead_letter WHERE kind = 'writeback'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void aBurstWithDuplicatesWritesEachVersionExactlyOnce() throws Exception {
        start(false);
        ats.otherwise(request -> StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"n\"}}"));
        // 1,000 deliveries: 900 result versions, 100 of them delivered twice, duplicates close behind, 8 at once
        List<InterviewResult> deliveries = new ArrayList<>();
        for (int i = 0; i < 900; i++) {
            deliveries.add(result("lever", "opp-b" + i, "res-b" + i, "v1"));
            if (i % 9 == 0) {
                deliveries.add(result("lever", "opp-b" + i, "res-b" + i, "v1"));
            }
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<java.util.concurrent.Future<JobResult>> outcomes = new ArrayList<>();
        for (InterviewResult delivery : deliveries) {
            outcomes.add(pool.submit(() -> write(delivery)));
        }
        Map<JobStatus, Integer> counts = new java.util.EnumMap<>(JobStatus.class);
        for (var outcome : outcomes) {
            counts.merge(outcome.get().status(), 1, Integer::sum);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        pool.shutdown();

        assertThat(deliveries).hasSize(1000);
        assertThat(counts).containsEntry(JobStatus.WRITTEN, 900).containsEntry(JobStatus.SKIPPED, 100);
        List<StandInAts.Request> notes = ats.requests("POST", "/v1/opportunities/");
        assertThat(notes).hasSize(900);
        assertThat(notes.stream().map(n -> n.path()).distinct().count()).isEqualTo(900);
        System.out.printf("write-back burst: 1000 deliveries (100 duplicates), 900 notes in %d ms (%.0f notes/s,"
                + " 8 at once, loopback ATS, H2 ledger)%n", took.toMillis(), 900 * 1000.0 / took.toMillis());
    }

    @Test
    void aBurstIsWrittenNoFasterThanTheAtsRateLimit() throws Exception {
        start(false, 5);
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        ats.otherwise(request -> {
            arrivals.add(System.nanoTime());
            return StandInAts.Answer.of(201, "{\"data\":{\"noteId\":\"n\"}}");
        });
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<JobResult>> outcomes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            InterviewResult delivery = result("lever", "opp-r" + i, "res-r" + i, "v1");
            outcomes.add(pool.submit(() -> write(delivery)));
        }
        for (var outcome : outcomes) {
            assertThat(outcome.get().status()).isEqualTo(JobStatus.WRITTEN);
        }
        pool.shutdown();

        List<Long> sorted = arrivals.stream().sorted().toList();
        assertThat(sorted).hasSize(20);
        // 5 per second: 6 notes never arrive within a second (slack for a loaded machine, where a note may reach
        // the loopback later than it left the throttle), so 20 notes span at least 3 seconds
        for (int first = 0; first + 5 < sorted.size(); first++) {
            assertThat(sorted.get(first + 5) - sorted.get(first)).as("6 notes from note " + first)
                    .isGreaterThan(Duration.ofMillis(600).toNanos());
        }
        assertThat(sorted.get(19) - sorted.get(0)).isGreaterThan(Duration.ofMillis(2_500).toNanos());
    }

    // ---- the local stand-in and the default target ---------------------------------------------------------

    @Test
    void aSourceWithoutAConfiguredAtsIsWrittenToTheLocalFolderOnce() throws Exception {
        start(false);

        // Workable is not configured in this run (no base URL): the folder takes it, as does a CSV source
        JobResult workable = write(result("workable", "cand-1", "res-12", "v1"));
        JobResult csv = write(result("csv", "row-17", "res-13", "v1"));
        JobResult again = write(result("csv", "row-17", "res-13", "v1"));

        assertThat(workable.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(workable.note()).contains("not configured");
        assertThat(csv.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(again.status()).isEqualTo(JobStatus.SKIPPED);
        Path note = work.resolve("ats-notes/csv/row-17/res-13-v1.md");
        assertThat(note).exists();
        assertThat(Files.readString(note)).contains("Score: 82", "Recommendation: yes",
                "jobmojito-result:res-13:v1").doesNotContain(NAME, EMAIL, PHONE);
        try (Stream<Path> files = Files.walk(work.resolve("ats-notes"))) {
            assertThat(files.filter(Files::isRegularFile).toList()).hasSize(2);
        }
        assertThat(ats.requests()).isEmpty();
    }

    @Test
    void aCollectedEventIsSkippedByTheResultMapping() throws Exception {
        start(false);
        InterviewResult collected = result("lever", "opp-8", "res-14", "v1");
        collected = new InterviewResult(collected.resultId(), collected.version(), "interview_collected",
                collected.interviewId(), null, "lever", "opp-8", collected.payload());

        JobResult skipped = write(collected);

        assertThat(skipped.status()).isEqualTo(JobStatus.SKIPPED);
        assertThat(ats.requests()).isEmpty();
    }

    @Test
    void noSecretAndNoPersonalDataReachesALog() throws Exception {
        start(true);
        ats.script("POST /v1/opportunities/", new StandInAts.Answer(429, "{}", Map.of("Retry-After", "0")),
                StandInAts.LOST);
        ats.script("GET /v1/opportunities/", StandInAts.Answer.of(403, "{\"code\":\"Forbidden\"}"));
        ats.script("POST /token", StandInAts.Answer.of(200, "{\"access_token\":\"gh-access-cccc3333\","
                + "\"expires_in\":3600}"));
        ats.script("POST /v3/applications/", StandInAts.Answer.of(500, "{}"), StandInAts.Answer.of(201, "{}"),
                StandInAts.Answer.of(201, "{}"));
        ats.script("POST /spi/v3/candidates/", StandInAts.LOST);

        write(result("lever", "opp-9", "res-15", "v1"));
        write(result("greenhouse", "4510", "res-16", "v1"));
        write(result("workable", "cand-10", "res-17", "v1"));

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            lines.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                lines.add(event.getThrowableProxy().getMessage());
            }
        }
        assertThat(lines).isNotEmpty();
        String all = String.join("\n", lines);
        assertThat(all).doesNotContain(LEVER_KEY, WORKABLE_TOKEN, GREENHOUSE_SECRET, "gh-access-cccc3333",
                Base64.getEncoder().encodeToString((LEVER_KEY + ":").getBytes(StandardCharsets.UTF_8)), NAME,
                EMAIL, PHONE);
    }

    private String ledgerStatus(String target, String application, String result, String version) {
        return new JdbcTemplate(db).queryForObject("SELECT status FROM writeback_ledger WHERE target = ? AND"
                + " application_id = ? AND result_id = ? AND version = ?", String.class, target, application, result,
                version);
    }
}
