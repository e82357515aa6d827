package dev.jobmojito.connector.atshooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.invitations.InvitationLedger;
import dev.jobmojito.connector.support.Folders;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import dev.jobmojito.connector.support.TestMappings;
import dev.jobmojito.connector.sync.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15's ATS webhooks and interview links on the running service: Greenhouse and Lever deliveries over
 * loopback HTTP, signed as each ATS documents it; JobMojito a loopback stand-in backed by the sandbox; Lever's API
 * a loopback stand-in (the opportunity fetched, the link note written); Greenhouse's notes on the folder stand-in
 * (no Greenhouse target configured); the ledgers in H2. Every fixture is invented, in the ATS's documented shape.
 */
@SpringBootTest(classes = ConnectorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camel.main.run-controller=false")
class AtsWebhooksTest {

    static final String GREENHOUSE_SECRET = "gh-webhook-secret-5f1c9a2e-do-not-log";
    static final String LEVER_TOKEN = "lever-signature-token-8d2b7c41";
    static final String LEVER_KEY = "lever-api-key-Tq93hZ0w";
    static final String GREENHOUSE_JOB = "4401001";
    static final String LEVER_POSTING = "0b7d4e21-6a3f-4c58-9e12-7f3a2b1c0d99";
    static final String NAME = "Noor Haddad";
    static final String EMAIL = "noor.haddad@example.test";

    @TempDir
    static Path work;

    static final JobMojitoStandIn JOBMOJITO = new JobMojitoStandIn();
    static final StandInLever LEVER = new StandInLever();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Ledger ledger;

    @Autowired
    InvitationLedger invitations;

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level rootLevel;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("connector.file-settle-time", () -> "1s");
        registry.add("jobmojito.base-url", JOBMOJITO::baseUrl);
        registry.add("jobmojito.api-token", () -> Secrets.TOKEN);
        registry.add("jobmojito.interview-template-id", () -> "t-1");
        registry.add("connector.invitations.enabled", () -> "true");
        registry.add("connector.invitations.inbox", () -> Folders.created(work.resolve("candidates")));
        registry.add("connector.invitations.send-email", () -> "false");
        registry.add("connector.invitation-links.writeback", () -> "true");
        registry.add("connector.writeback.folder", () -> work.resolve("ats-notes").toString());
        registry.add("connector.writeback.lever.api-key", () -> LEVER_KEY);
        registry.add("connector.writeback.lever.base-url", LEVER::baseUrl);
        registry.add("connector.ats-webhooks.max-body-size", () -> "64KB");
        registry.add("connector.ats-webhooks.greenhouse.secret", () -> GREENHOUSE_SECRET);
        registry.add("connector.ats-webhooks.lever.signature-token", () -> LEVER_TOKEN);
        // the Lever application poll, every second (its switch is set here: the computed one reads only the
        // settings known before the test's own)
        registry.add("connector.invitations.polls.lever.enabled", () -> "true");
        registry.add("connector.invitations.polls.lever.api-key", () -> LEVER_KEY);
        registry.add("connector.invitations.polls.lever.base-url", LEVER::baseUrl);
        registry.add("connector.invitations.polls.lever.interval", () -> "1s");
    }

    @AfterAll
    static void stop() {
        JOBMOJITO.close();
        LEVER.close();
    }

    @BeforeEach
    void watchLogsAtDebug() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        // the test's own HTTP client (the JDK's) is not the connector: its wire-level debug lines only slow the test
        ((Logger) LoggerFactory.getLogger("jdk.internal.httpclient")).setLevel(Level.INFO);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    // ---- fixtures --------------------------------------------------------------------------------------------

    /** Greenhouse's candidate_stage_change (developers.greenhouse.io/webhooks.html), invented values. */
    static ObjectNode greenhouseStageChange(String applicationId, String stage) {
        ObjectNode root = Json.object();
        root.put("action", "candidate_stage_change");
        ObjectNode application = root.putObject("payload").putObject("application");
        application.put("id", Long.parseLong(applicationId));
        application.putNull("rejected_at");
        application.put("prospect", false);
        application.put("status", "active");
        application.put("applied_at", "2026-11-20T09:12:00Z");
        application.putObject("current_stage").put("id", 71416).put("name", stage);
        ObjectNode candidate = application.putObject("candidate");
        candidate.put("id", 70511001);
        candidate.put("first_name", "Noor");
        candidate.put("last_name", "Haddad");
        candidate.putArray("phone_numbers").addObject().put("value", "+31 6 0000 1234").put("type", "mobile");
        candidate.putArray("email_addresses").addObject().put("value", EMAIL).put("type", "personal");
        application.putArray("jobs").addObject().put("id", Long.parseLong(GREENHOUSE_JOB)).put("name", "Barista")
                .put("status", "open");
        return root;
    }

    /** Lever's candidateStageChange: ids only, and the signature fields. */
    static String leverStageChange(String opportunityId, String token) {
        long triggeredAt = 1764547200123L;
        ObjectNode root = Json.object();
        root.put("triggeredAt", triggeredAt);
        root.put("event", "candidateStageChange");
        root.put("token", token);
        root.put("signature", Signatures.hmacHex(LEVER_TOKEN.getBytes(StandardCharsets.UTF_8),
                (token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
        ObjectNode data = root.putObject("data");
        data.put("opportunityId", opportunityId);
        data.put("candidateId", opportunityId);
        data.put("contactId", "c0a1b2c3-0000-4000-8000-00000000c0c1");
        data.put("fromStageId", "lead-new");
        data.put("toStageId", "f1e2d3c4-ai-interview");
        return Json.write(root);
    }

    /** Lever's opportunity, as GET /v1/opportunities/{id}?expand=stage&expand=applications answers its data. */
    static ObjectNode leverOpportunity(String id) {
        ObjectNode opportunity = Json.object();
        opportunity.put("id", id);
        opportunity.put("name", NAME);
        opportunity.putArray("emails").add(EMAIL);
        opportunity.putObject("stage").put("id", "f1e2d3c4-ai-interview").put("text", "AI interview");
        opportunity.putArray("applications").addObject().put("id", "app-" + id).put("posting", LEVER_POSTING)
                .put("type", "posting");
        return opportunity;
    }

    private HttpResponse<String> post(String path, String body, String header, String value) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (header != null) {
            request.header(header, value);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> greenhouse(String body) throws Exception {
        return post("/webhooks/ats/greenhouse", body, "Signature", "sha256 " + Signatures.hmacHex(
                GREENHOUSE_SECRET.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** A posting of the ledger with an interview in the sandbox, as a sync would have made it. */
    private String postingWithInterview(String source, String code) throws Exception {
        JsonNode request = TestMappings.mapFile(TestMappings.bundled("lever"), Path.of("samples/lever/postings.json"))
                .get(0).request();
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(
                        URI.create(JOBMOJITO.sandbox().baseUrl() + "/job-interview-create-from-array"))
                .header("Authorization", "Bearer " + Secrets.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        String interviewId = Json.MAPPER.readTree(created.body()).path("interview_def_set_id").asText();
        if (ledger.find(Ledger.key(source, code)).isEmpty()) {
            ledger.insertInFlight(source, code, "a posting", "0".repeat(64), "{}", Instant.now());
            ledger.recordCreatedFromInFlight(Ledger.key(source, code), interviewId, Instant.now());
        }
        return ledger.find(Ledger.key(source, code)).orElseThrow().interviewId();
    }

    private static long registrationsOf(String externalId) {
        return JOBMOJITO.sandbox().registrations().stream()
                .filter(user -> externalId.equals(user.path("external_id").asText())).count();
    }

    private static String linkOf(String externalId) {
        return JOBMOJITO.sandbox().registrations().stream()
                .filter(user -> externalId.equals(user.path("external_id").asText())).findFirst().orElseThrow()
                .path("interview_url").asText();
    }

    /** Files waiting in a candidates inbox folder (not yet read: not under .done/ or .error/). */
    private static List<Path> waiting(String mapping) throws Exception {
        Path folder = work.resolve("candidates").resolve(mapping);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static long done(String mapping) throws Exception {
        Path folder = work.resolve("candidates").resolve(".done").resolve(mapping);
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static List<StandInLever.Note> notesOn(String opportunity) {
        return LEVER.notes.stream().filter(note -> note.opportunity().equals(opportunity)).toList();
    }

    private double counted(String ats, String outcome) {
        var counter = meters.find("connector.ats.webhooks.received").tag("ats", ats).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void assertNoLineHolds(String... values) {
        List<ILoggingEvent> lines;
        // the appender adds under its own lock while the connector's threads go on logging
        synchronized (logs) {
            lines = new java.util.ArrayList<>(logs.list);
        }
        assertThat(lines).as("log lines at DEBUG").isNotEmpty();
        for (ILoggingEvent event : lines) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String value : values) {
                assertThat(line).as("a log line of " + event.getLoggerName()).doesNotContain(value);
            }
        }
    }

    // ---- tests -----------------------------------------------------------------------------------------------

    @Test
    void aGreenhouseStageChangeIsInvitedOnceAndItsLinkNotedOnceWhateverComesAfter() throws Exception {
        String interview = postingWithInterview("greenhouse", GREENHOUSE_JOB);
        String application = "80412001";
        String externalId = "greenhouse:" + application;
        String body = Json.write(greenhouseStageChange(application, "AI interview"));

        HttpResponse<String> answer = greenhouse(body);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("stored");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> registrationsOf(externalId) == 1
                && invitations.find(externalId, interview).map(e -> e.status() == InvitationLedger.Status.INVITED)
                .orElse(false));
        Path note = work.resolve("ats-notes").resolve("greenhouse").resolve(application)
                .resolve("invitation-" + interview + "-link.md");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(note));
        String link = linkOf(externalId);
        assertThat(Files.readString(note)).contains(link).contains("[jobmojito-result:invitation-" + interview
                + ":link]").doesNotContain(EMAIL);

        // the same application again: a second webhook (Greenhouse re-delivers) and a dropped Harvest export
        assertThat(greenhouse(body).statusCode()).isEqualTo(200);
        ObjectNode export = greenhouseStageChange(application, "AI interview");
        ObjectNode candidate = (ObjectNode) export.path("payload").path("application").path("candidate").deepCopy();
        ObjectNode app = export.path("payload").path("application").deepCopy();
        app.remove("candidate");
        candidate.putArray("applications").add(app);
        Path dropped = work.resolve("candidates").resolve("greenhouse").resolve("harvest-export.json");
        Files.writeString(dropped, Json.write(Json.NODES.arrayNode().add(candidate)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting("greenhouse").isEmpty()
                && done("greenhouse") == 3);

        assertThat(registrationsOf(externalId)).as("one invitation, ever").isOne();
        try (Stream<Path> notes = Files.list(note.getParent())) {
            assertThat(notes.toList()).as("one link note").containsExactly(note);
        }
        assertThat(counted("greenhouse", "stored")).isEqualTo(2);
        assertNoLineHolds(link, EMAIL, NAME, GREENHOUSE_SECRET);
    }

    @Test
    void aLeverStageChangeFetchesTheOpportunityInvitesOnceAndWritesOneLinkNote() throws Exception {
        String interview = postingWithInterview("lever", LEVER_POSTING);
        String opportunity = "5c1e9a7b-2222-4c2d-9e8f-0a1b2c3d4e5f";
        String externalId = "lever:" + opportunity;
        LEVER.opportunities.put(opportunity, leverOpportunity(opportunity));

        HttpResponse<String> answer = post("/webhooks/ats/lever", leverStageChange(opportunity, "tok-1"), null, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(LEVER.fetched.stream().filter(opportunity::equals)).hasSize(1);
        assertThat(LEVER.authorizations).allMatch(("Basic " + java.util.Base64.getEncoder()
                .encodeToString((LEVER_KEY + ":").getBytes(StandardCharsets.UTF_8)))::equals);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> notesOn(opportunity).size() == 1);
        String link = linkOf(externalId);
        assertThat(notesOn(opportunity).get(0).value()).contains(link).doesNotContain(EMAIL).doesNotContain(NAME);
        assertThat(invitations.find(externalId, interview)).hasValueSatisfying(entry ->
                assertThat(entry.status()).isEqualTo(InvitationLedger.Status.INVITED));

        // Lever delivers the stage change again (another token): stored, skipped as already invited, no second note
        assertThat(post("/webhooks/ats/lever", leverStageChange(opportunity, "tok-2"), null, null).statusCode())
                .isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting("lever").isEmpty()
                && done("lever") == 2);

        assertThat(registrationsOf(externalId)).isOne();
        assertThat(notesOn(opportunity)).hasSize(1);
        assertNoLineHolds(link, EMAIL, NAME, LEVER_TOKEN, LEVER_KEY);
    }

    /**
     * Issue 15: the same application seen by three cycles of the Lever application poll and then by a Lever
     * webhook is invited once, with one link note; the poll asks from its watermark after the first cycle.
     */
    @Test
    void anApplicationSeenByThreePollCyclesAndAWebhookIsInvitedOnceWithOneLinkNote() throws Exception {
        String interview = postingWithInterview("lever", LEVER_POSTING);
        String opportunity = "7d2f0b3e-3333-4e5f-8a9b-1c2d3e4f5a6b";
        String externalId = "lever:" + opportunity;
        ObjectNode record = leverOpportunity(opportunity);
        record.put("updatedAt", 1764547200000L);
        record.putNull("archived");
        LEVER.opportunities.put(opportunity, record);
        int callsBefore = LEVER.listCalls.size();

        LEVER.listed.put(opportunity, record);
        Awaitility.await().atMost(Duration.ofSeconds(60))
                .until(() -> LEVER.listCalls.size() >= callsBefore + 3 && registrationsOf(externalId) == 1
                        && notesOn(opportunity).size() == 1);
        // a cycle after the invitation asks from the watermark: the record's updatedAt less the overlap (1m)
        assertThat(LEVER.listCalls.get(LEVER.listCalls.size() - 1))
                .contains("updated_at_start=" + (1764547200000L - 60_000));
        long doneBefore = done("lever");
        assertThat(post("/webhooks/ats/lever", leverStageChange(opportunity, "tok-poll"), null, null).statusCode())
                .isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waiting("lever").isEmpty()
                && done("lever") == doneBefore + 1);
        int callsAfterWebhook = LEVER.listCalls.size();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> LEVER.listCalls.size() >= callsAfterWebhook + 1);

        assertThat(registrationsOf(externalId)).as("one invitation, ever").isOne();
        assertThat(notesOn(opportunity)).as("one link note").hasSize(1);
        assertThat(notesOn(opportunity).get(0).value()).contains(linkOf(externalId));
        assertThat(invitations.find(externalId, interview)).hasValueSatisfying(entry ->
                assertThat(entry.status()).isEqualTo(InvitationLedger.Status.INVITED));
        assertNoLineHolds(linkOf(externalId), EMAIL, NAME, LEVER_KEY);
    }

    @Test
    void aBadOrMissingSignatureIsRefusedWith401AndNothingIsStored() throws Exception {
        String body = Json.write(greenhouseStageChange("80412999", "AI interview"));
        double before = counted("greenhouse", "unauthorized") + counted("lever", "unauthorized");
        List<Path> greenhouseBefore = waiting("greenhouse");

        assertThat(post("/webhooks/ats/greenhouse", body, null, null).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/ats/greenhouse", body, "Signature", "sha256 " + Signatures.hmacHex(
                "another-secret".getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)))
                .statusCode()).isEqualTo(401);
        // signed, then changed on the way
        String signed = "sha256 " + Signatures.hmacHex(GREENHOUSE_SECRET.getBytes(StandardCharsets.UTF_8),
                body.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tampered = post("/webhooks/ats/greenhouse", body.replace("80412999", "80412998"),
                "Signature", signed);
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(tampered.body()).doesNotContain(signed);

        String opportunity = "5c1e9a7b-3333-4c2d-9e8f-0a1b2c3d4e5f";
        LEVER.opportunities.put(opportunity, leverOpportunity(opportunity));
        ObjectNode forged = (ObjectNode) Json.MAPPER.readTree(leverStageChange(opportunity, "tok-3"));
        forged.put("signature", "0".repeat(64));
        assertThat(post("/webhooks/ats/lever", Json.write(forged), null, null).statusCode()).isEqualTo(401);
        forged.remove("signature");
        assertThat(post("/webhooks/ats/lever", Json.write(forged), null, null).statusCode()).isEqualTo(401);

        assertThat(counted("greenhouse", "unauthorized") + counted("lever", "unauthorized") - before).isEqualTo(5);
        assertThat(waiting("greenhouse")).isEqualTo(greenhouseBefore);
        assertThat(waiting("lever")).isEmpty();
        assertThat(LEVER.fetched).doesNotContain(opportunity);
        assertThat(registrationsOf("greenhouse:80412999") + registrationsOf("lever:" + opportunity)).isZero();
        assertNoLineHolds(GREENHOUSE_SECRET, LEVER_TOKEN, EMAIL);
    }

    @Test
    void anOpportunityLeverCannotGiveIsNotStored() throws Exception {
        String gone = "5c1e9a7b-4444-4c2d-9e8f-0a1b2c3d4e5f";
        String failing = "5c1e9a7b-5555-4c2d-9e8f-0a1b2c3d4e5f";
        LEVER.failing.add(failing);

        HttpResponse<String> notFound = post("/webhooks/ats/lever", leverStageChange(gone, "tok-4"), null, null);
        HttpResponse<String> serverError = post("/webhooks/ats/lever", leverStageChange(failing, "tok-5"), null,
                null);

        assertThat(notFound.statusCode()).as("gone from Lever: acknowledged, nothing to invite").isEqualTo(200);
        assertThat(notFound.body()).contains("ignored");
        assertThat(serverError.statusCode()).as("Lever delivers it again").isEqualTo(503);
        assertThat(LEVER.fetched).contains(gone, failing);
        assertThat(waiting("lever")).isEmpty();
        assertThat(registrationsOf("lever:" + gone) + registrationsOf("lever:" + failing)).isZero();
    }

    @Test
    void aBodyOverTheCapIs413BeforeItsSignatureIsChecked() throws Exception {
        String big = "{\"action\":\"candidate_stage_change\",\"padding\":\"" + "x".repeat(70 * 1024) + "\"}";
        double before = counted("greenhouse", "too_large") + counted("lever", "too_large");
        double unauthorized = counted("greenhouse", "unauthorized") + counted("lever", "unauthorized");

        HttpResponse<String> withLength = greenhouse(big);
        assertThat(withLength.statusCode()).isEqualTo(413);

        // no Content-Length (chunked): read up to the cap, then refused
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/webhooks/ats/lever")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        big.getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        assertThat(counted("greenhouse", "too_large") + counted("lever", "too_large") - before).isEqualTo(2);
        assertThat(counted("greenhouse", "unauthorized") + counted("lever", "unauthorized"))
                .as("the signature never checked").isEqualTo(unauthorized);
    }
}
