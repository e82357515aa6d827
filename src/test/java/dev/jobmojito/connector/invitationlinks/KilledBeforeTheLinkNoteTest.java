package dev.jobmojito.connector.invitationlinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, the interview link between JobMojito's answer and its note: a connector (a JVM of its own, once mode,
 * an H2 ledger file) invites the sample Lever candidates with link write-back on, and is killed with SIGKILL while
 * Lever holds the answer to its first link note (the note received, the answer never heard; the other
 * invitation's note not yet sent). The next run writes every invitation's note exactly once: the held one is found
 * on Lever by its marker (not written again), the unsent one is written from the link the invitation ledger kept;
 * then no link is kept any more.
 */
class KilledBeforeTheLinkNoteTest {

    private static final String API_KEY = "lever-api-key-Wm47Qa1z";

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private final List<String[]> notes = new CopyOnWriteArrayList<>();
    private final CountDownLatch noteReceived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean holding = true;
    private HttpServer lever;
    private ConnectorProcess connector;

    @AfterEach
    void stop() {
        release.countDown();
        if (connector != null) {
            connector.close();
        }
        if (lever != null) {
            lever.stop(0);
        }
        jobMojito.close();
    }

    @Test
    void aConnectorKilledWhileItsLinkNoteIsAnsweredWritesEveryNoteOnceAfterTheRestart() throws Exception {
        startLever();
        Files.createDirectories(work.resolve("inbox/lever"));
        Files.copy(Path.of("samples/lever/postings.json"), work.resolve("inbox/lever/postings.json"));
        connector = run("postings.log");
        assertThat(connector.awaitExit(180)).as("the postings' run").isZero();

        Files.createDirectories(work.resolve("candidates/lever"));
        Files.copy(Path.of("samples/candidates/lever/opportunities.json"),
                work.resolve("candidates/lever/opportunities.json"));
        connector = run("killed.log");
        assertThat(noteReceived.await(180, TimeUnit.SECONDS)).as("a link note:\n%s", connector.output()).isTrue();
        connector.signal("KILL");
        connector.awaitExit(30);
        List<ObjectNode> registered = jobMojito.sandbox().registrations();
        assertThat(registered).as("invited before the kill").hasSizeGreaterThan(1);
        assertThat(notes).as("notes Lever received before the kill").hasSize(1);

        holding = false;
        release.countDown();
        connector = run("restarted.log");
        int exit = connector.awaitExit(180);
        String output = connector.output();

        assertThat(exit).as(output).isZero();
        for (ObjectNode registration : registered) {
            String opportunity = registration.path("external_id").asText().substring("lever:".length());
            String link = registration.path("interview_url").asText();
            assertThat(notes).as("notes on %s", opportunity).filteredOn(note -> note[0].equals(opportunity))
                    .singleElement().satisfies(note -> assertThat(note[1]).contains(link));
        }
        assertThat(notes).hasSameSizeAs(registered);
        assertThat(jobMojito.sandbox().registrations()).as("nobody registered again").hasSameSizeAs(registered);
        // no link left kept in the invitation ledger, and none in either run's log
        try (var ledger = java.sql.DriverManager.getConnection("jdbc:h2:file:" + work.resolve("state/ledger")
                .toAbsolutePath(), "sa", "");
             var sql = ledger.createStatement();
             var kept = sql.executeQuery("SELECT COUNT(*) FROM invitation_ledger WHERE pending_link IS NOT NULL")) {
            kept.next();
            assertThat(kept.getInt(1)).as("links still kept").isZero();
        }
        for (String log : List.of("killed.log", "restarted.log")) {
            String text = Files.readString(work.resolve(log));
            for (ObjectNode registration : registered) {
                assertThat(text).as(log).doesNotContain(registration.path("interview_url").asText());
            }
        }
    }

    private ConnectorProcess run(String log) {
        return ConnectorProcess.start(work, jobMojito, true, work.resolve(log),
                "--connector.invitations.enabled=true",
                "--connector.invitations.inbox=" + work.resolve("candidates"),
                "--connector.invitations.send-email=false",
                "--connector.invitation-links.writeback=true",
                "--connector.writeback.lever.api-key=" + API_KEY,
                "--connector.writeback.lever.base-url=http://127.0.0.1:" + lever.getAddress().getPort(),
                "--connector.retry.initial-delay=20ms", "--connector.retry.max-delay=50ms");
    }

    /**
     * Lever's notes on loopback: {@code POST /v1/opportunities/{id}/notes} keeps the note (the first one's answer
     * held while {@code holding}), {@code GET} lists an opportunity's notes.
     */
    private void startLever() throws IOException {
        lever = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        lever.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        lever.createContext("/v1/opportunities/", this::handle);
        lever.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String opportunity = parts.length > 3 ? parts[3] : "";
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (parts.length == 5 && exchange.getRequestMethod().equals("POST")) {
            JsonNode note = Json.MAPPER.readTree(body);
            notes.add(new String[] {opportunity, note.path("value").asText()});
            if (holding) {
                noteReceived.countDown();
                try {
                    release.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            send(exchange, 201, "{\"data\":{\"noteId\":\"note-" + notes.size() + "\"}}");
        } else if (parts.length == 5) {
            ObjectNode page = Json.object();
            var data = page.putArray("data");
            notes.stream().filter(n -> n[0].equals(opportunity)).forEach(n -> data.addObject().put("value", n[1]));
            page.put("hasNext", false);
            send(exchange, 200, Json.write(page));
        } else {
            send(exchange, 404, "{}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException gone) {
            // the connector was killed while its call was held
        } finally {
            exchange.close();
        }
    }
}
