package dev.jobmojito.connector.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import dev.jobmojito.connector.support.Secrets;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The connector end to end at TRACE with every kind of secret configured, made to fail on every path that
 * quotes what went wrong (JobMojito 500 echoing the request's token, 401, an unreachable SFTP server, a poll
 * page that is HTML, a poll answering 500, a webhook receiver refusing): no secret in any output line, result,
 * dead letter, outbox entry or other state file.
 */
@ExtendWith(OutputCaptureExtension.class)
class NoSecretInAnyOutputTest {

    private static final String SFTP_PASSWORD = "sftp-pw-7c1e0b94-do-not-log";
    private static final String POLL_TOKEN = "poll-bearer-3a9d5e21-do-not-log";
    private static final String POLL_QUERY_KEY = "querykey-8b2f6c47-do-not-log";
    private static final String TEAMTAILOR_KEY = "tt-key-51e4a0c3-do-not-log";
    private static final String BASIC_PASSWORD = "basic-pw-2d7b9e15-do-not-log";
    private static final String LEDGER_PASSWORD = "ledger-pw-6f0c3a82-do-not-log";
    private static final String WEBHOOK_SECRET = "whsec_" + Base64.getEncoder().encodeToString(
            "webhook-secret-94e1d7b0-do-not-log".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path work;
    @TempDir
    Path secrets;

    private JobMojitoStandIn jobMojito;
    private FakeAts ats;
    private MockWebServer receiver;

    @BeforeEach
    void start() throws IOException {
        jobMojito = new JobMojitoStandIn();
        ats = new FakeAts();
        receiver = new MockWebServer();
        receiver.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
                return FakeAts.status(500, "text/plain", "refused: " + request.getHeaders());
            }
        });
        receiver.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
        ats.close();
        receiver.close();
    }

    /** Every secret, and the forms in which it travels. */
    private static Map<String, String> everySecret() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("JobMojito token (file)", Secrets.TOKEN);
        all.put("SFTP password", SFTP_PASSWORD);
        all.put("poll bearer token", POLL_TOKEN);
        all.put("poll api_key", POLL_QUERY_KEY);
        all.put("Teamtailor API key (file)", TEAMTAILOR_KEY);
        all.put("poll basic password", BASIC_PASSWORD);
        all.put("poll basic header", Base64.getEncoder().encodeToString(("poller:" + BASIC_PASSWORD)
                .getBytes(StandardCharsets.UTF_8)));
        all.put("ledger password", LEDGER_PASSWORD);
        all.put("webhook secret", WEBHOOK_SECRET);
        return all;
    }

    @Test
    void noSecretAppearsInAnyOutputAtTraceWhenEveryPathFails(CapturedOutput output) throws IOException {
        Path routes = Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
            for (Path route : shipped.toList()) {
                Files.copy(route, routes.resolve(route.getFileName()));
            }
        }
        // a poll with basic auth whose password comes from a setting named like nothing secret
        Files.writeString(routes.resolve("poll-basic.camel.yaml"), """
                - templatedRoute:
                    routeTemplateRef: ats-poll
                    routeId: poll-basic
                    parameters:
                      - name: pollId
                        value: poll-basic
                      - name: enabled
                        value: "true"
                      - name: mapping
                        value: greenhouse
                      - name: source
                        value: basic-board
                      - name: url
                        value: "{{acme.base}}/basic/jobs"
                      - name: auth
                        value: basic
                      - name: username
                        value: poller
                      - name: password
                        value: "{{acme.pw-value}}"
                """);
        ats.serve(request -> {
            String path = request.getUrl().encodedPath();
            if (path.startsWith("/basic/")) {
                return FakeAts.json("""
                        {"jobs": [
                          {"id": 5101, "title": "Baker", "location": {"name": "Oslo"}, "content": "Bake."},
                          {"id": 5102, "title": "Fail500 Cook", "location": {"name": "Oslo"}, "content": "Cook."}
                        ]}""");
            }
            if (path.startsWith("/v1/jobs")) {
                return FakeAts.status(200, "text/html", "<html><body>Log in: " + request.getHeaders()
                        + "</body></html>");
            }
            return FakeAts.status(500, "application/json", "{\"error\":\"you sent " + request.getUrl() + " with "
                    + request.getHeaders().get("Authorization") + "\"}");
        });
        // JobMojito echoes the token it was sent into a 500 for one posting; the sandbox answers the rest
        jobMojito.answer(request -> request.body() != null && request.body().toString().contains("Fail500")
                ? JobMojitoStandIn.json(500, "{\"error\":\"upstream said no to " + request.authorization() + "\"}")
                : null);

        Path tokenFile = Files.writeString(secrets.resolve("token"), Secrets.TOKEN + "\n");
        Path sftpPasswordFile = Files.writeString(secrets.resolve("sftp-password"), SFTP_PASSWORD);
        Path teamtailorKeyFile = Files.writeString(secrets.resolve("teamtailor-key"), TEAMTAILOR_KEY);
        Path ledgerPasswordFile = Files.writeString(secrets.resolve("ledger-password"), LEDGER_PASSWORD);
        Path webhookSecretFile = Files.writeString(secrets.resolve("webhook-secret"), WEBHOOK_SECRET);
        Path knownHosts = Files.writeString(secrets.resolve("known_hosts"), "");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OnceRunner connector = new OnceRunner(work)
                .with("--logging.level.root=TRACE")
                .with("--logging.level.dev.jobmojito.connector=TRACE")
                .with("--logging.level.org.apache.camel.component.file.GenericFileOnCompletion=TRACE")
                .with("--connector.routes=" + routes)
                .with("--connector.retry.max-attempts=2")
                .with("--jobmojito.base-url=" + jobMojito.baseUrl())
                .with("--jobmojito.api-token-file=" + tokenFile)
                .with("--jobmojito.interview-template-id=t-1")
                .with("--connector.sftp.host=127.0.0.1")
                .with("--connector.sftp.port=" + closedPort)
                .with("--connector.sftp.username=drop")
                .with("--connector.sftp.password-file=" + sftpPasswordFile)
                .with("--connector.sftp.known-hosts-file=" + knownHosts)
                .with("--connector.poll.url=" + ats.baseUrl() + "/env/jobs?api_key=" + POLL_QUERY_KEY)
                .with("--connector.poll.mapping=greenhouse")
                .with("--connector.poll.token=" + POLL_TOKEN)
                .with("--connector.polls.teamtailor.base-url=" + ats.baseUrl())
                .with("--connector.polls.teamtailor.api-key-file=" + teamtailorKeyFile)
                .with("--acme.base=" + ats.baseUrl())
                .with("--acme.pw-value=" + BASIC_PASSWORD)
                .with("--connector.ledger.url=jdbc:h2:file:" + work.resolve("state/secured-ledger").toAbsolutePath()
                        + ";WRITE_DELAY=0")
                .with("--connector.ledger.username=sa")
                .with("--connector.ledger.password-file=" + ledgerPasswordFile);
        connector.drop("greenhouse", "jobs.json", """
                {"jobs": [{"id": 5201, "title": "Porter", "location": {"name": "Rome"}, "content": "Carry."}]}""");

        // run 1: 500s from JobMojito (retried, then failed), an unreachable SFTP server, a poll page that is
        // HTML, a poll answering 500, a webhook receiver refusing every delivery
        int first = connector.run("--connector.webhook.url=http://127.0.0.1:" + receiver.getPort() + "/hook",
                "--connector.webhook.secret-file=" + webhookSecretFile, "--connector.webhook.retry-delay=100ms");
        // run 2: JobMojito refuses the token
        jobMojito.answer(request -> JobMojitoStandIn.json(401, "{\"error\":\"Invalid JWT " + request.authorization()
                + "\"}"));
        connector.drop("greenhouse", "more.json", """
                {"jobs": [{"id": 5301, "title": "Waiter", "location": {"name": "Rome"}, "content": "Serve."}]}""");
        int second = connector.run();

        // the paths really ran: the secrets were used, the failures happened
        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(1);
        assertThat(jobMojito.received()).anyMatch(r -> ("Bearer " + Secrets.TOKEN).equals(r.authorization()));
        assertThat(ats.requests()).anyMatch(r -> ("Bearer " + POLL_TOKEN).equals(r.getHeaders().get("Authorization")))
                .anyMatch(r -> ("Token token=" + TEAMTAILOR_KEY).equals(r.getHeaders().get("Authorization")))
                .anyMatch(r -> everySecret().get("poll basic header").equals(
                        r.getHeaders().get("Authorization").replace("Basic ", "")));
        assertThat(receiver.getRequestCount()).isPositive();
        assertThat(output.getAll()).contains("refused the API token (401)", "is an HTML page, not data",
                "answered HTTP 500", "***");
        assertThat(connector.resultLines()).anyMatch(line -> line.toString().contains("Fail500"));

        Map<String, List<String>> hits = new LinkedHashMap<>();
        List<String> places = new ArrayList<>();
        places.add("captured output (" + output.getAll().length() + " characters)");
        search(hits, "captured output", output.getAll());
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                places.add(work.relativize(file).toString());
                search(hits, work.relativize(file).toString(),
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        // the dead letters and the webhook outbox are rows of the ledger database (its file is searched above too)
        try (var ledger = new org.springframework.jdbc.datasource.SingleConnectionDataSource("jdbc:h2:file:"
                + work.resolve("state/secured-ledger").toAbsolutePath() + ";IFEXISTS=TRUE", "sa", LEDGER_PASSWORD,
                true)) {
            var sql = new org.springframework.jdbc.core.JdbcTemplate(ledger);
            for (String query : List.of("SELECT letter FROM dead_letter", "SELECT body FROM webhook_outbox")) {
                List<String> rows = sql.queryForList(query, String.class);
                places.add(query + " (" + rows.size() + " rows)");
                rows.forEach(row -> search(hits, query, row));
                assertThat(rows).as(query).isNotEmpty();
            }
        }
        assertThat(places).as("searched").anyMatch(p -> p.startsWith("results/"));
        assertThat(hits).as("secrets found, by secret, in %s", places).isEmpty();
    }

    private static void search(Map<String, List<String>> hits, String where, String text) {
        everySecret().forEach((name, secret) -> {
            int at = text.indexOf(secret);
            if (at >= 0) {
                int from = Math.max(0, at - 200);
                hits.computeIfAbsent(name, n -> new ArrayList<>()).add(where + ": ..."
                        + text.substring(from, Math.min(text.length(), at + secret.length() + 50)).replace('\n', ' '));
            }
        });
    }

}
