package dev.jobmojito.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import dev.jobmojito.connector.support.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Jobs that fail after every retry are parked in the ledger database, readable, and sent again by
 * {@code replay}; a letter file the previous version left in the state folder is imported and replayed too.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterReplayTest {

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito).with("--connector.retry.max-attempts=2");
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    /** The embedded ledger the runs left in the state folder (opened while no run is going). */
    private JdbcTemplate ledger() {
        return new JdbcTemplate(new SingleConnectionDataSource("jdbc:h2:file:" + work.resolve("state/ledger")
                .toAbsolutePath() + ";IFEXISTS=TRUE", "sa", "", true));
    }

    /** The parked letters (kind job), oldest first, as their JSON text. */
    private List<String> deadLetters() {
        JdbcTemplate ledger = ledger();
        try {
            return ledger.queryForList("SELECT letter FROM dead_letter WHERE kind = 'job' ORDER BY id", String.class);
        } finally {
            ((SingleConnectionDataSource) ledger.getDataSource()).destroy();
        }
    }

    private int replay() {
        return ConnectorMain.run("replay", "--connector.inbox=" + connector.inbox(),
                "--connector.results=" + connector.results(), "--connector.state=" + work.resolve("state"),
                "--connector.retry.initial-delay=20ms", "--connector.retry.max-attempts=2",
                "--jobmojito.base-url=" + jobMojito.baseUrl(),
                "--jobmojito.api-token=" + Secrets.TOKEN, "--jobmojito.interview-template-id=t-1");
    }

    @Test
    void aJobThatFailsEveryRetryIsParkedAndReplayDeliversItOnce(CapturedOutput output) throws IOException {
        AtomicBoolean down = new AtomicBoolean(true);
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE) && down.get()
                ? JobMojitoStandIn.json(503, "{\"error\":\"maintenance\"}") : null);
        connector.drop("greenhouse", "one.json", """
                {"jobs": [{"id": 8, "title": "Sommelier", "location": {"name": "Porto"}, "language": "en",
                 "content": "Wine.", "departments": []}]}""");

        assertThat(connector.run()).isEqualTo(1);

        List<String> letters = deadLetters();
        assertThat(letters).hasSize(1);
        JsonNode letter = Json.MAPPER.readTree(letters.get(0));
        assertThat(letter.get("code").asText()).isEqualTo("8");
        assertThat(letter.at("/request/name").asText()).isEqualTo("Sommelier");
        assertThat(letter.at("/source/file").asText()).isEqualTo("greenhouse/one.json");
        assertThat(letter.get("attempts")).hasSize(2).allSatisfy(attempt -> {
            assertThat(attempt.get("http_status").asInt()).isEqualTo(503);
            assertThat(attempt.get("error").asText()).contains("maintenance");
        });
        assertThat(letters.get(0)).doesNotContain(Secrets.TOKEN);
        String parkedAs = connector.resultLines().get(0).get("errors").get(0).asText();
        assertThat(parkedAs).contains("parked as");

        // readable without SQL: one JSON line per letter, named as the result line says
        assertThat(ConnectorMain.run("dead-letters", "--connector.inbox=" + connector.inbox(),
                "--connector.results=" + connector.results(), "--connector.state=" + work.resolve("state"),
                "--jobmojito.base-url=" + jobMojito.baseUrl(), "--jobmojito.api-token=" + Secrets.TOKEN,
                "--jobmojito.interview-template-id=t-1")).isZero();
        JsonNode printed = Json.MAPPER.readTree(output.getOut().lines().filter(line -> line.startsWith("{\"kind\""))
                .findFirst().orElseThrow());
        String name = printed.get("name").asText();
        assertThat(printed.get("kind").asText()).isEqualTo("job");
        assertThat(parkedAs).contains("parked as " + name);
        assertThat(printed.at("/letter/request/name").asText()).isEqualTo("Sommelier");

        // the letter as the previous version kept it, a file in the state folder: replay imports it first
        JdbcTemplate ledger = ledger();
        ledger.update("DELETE FROM dead_letter");
        ((SingleConnectionDataSource) ledger.getDataSource()).destroy();
        Path oldFile = Files.createDirectories(work.resolve("state/dead-letters")).resolve(name + ".json");
        Files.writeString(oldFile, letters.get(0));

        // still down: the letter stays, with the new attempts added
        assertThat(replay()).isEqualTo(1);
        assertThat(oldFile).doesNotExist();
        assertThat(work.resolve("state/imported-to-database/dead-letters/" + name + ".json")).exists();
        assertThat(deadLetters()).hasSize(1);
        assertThat(Json.MAPPER.readTree(deadLetters().get(0)).get("attempts")).hasSize(4);

        down.set(false);
        assertThat(replay()).isZero();

        assertThat(deadLetters()).isEmpty();
        assertThat(jobMojito.interviews()).hasSize(1);
        JsonNode last = connector.resultLines().get(connector.resultLines().size() - 1);
        assertThat(last.get("status").asText()).isEqualTo("created");
        assertThat(last.get("code").asText()).isEqualTo("8");
        assertThat(output.getOut()).contains("Replay: 1 delivered or answered, 0 still parked");
        assertThat(output.getAll()).doesNotContain(Secrets.TOKEN);
    }

    @Test
    void aRotatedTokenFileIsReadAgainAfterA401AndTheCallGoesThrough() throws IOException {
        Path tokenFile = Files.writeString(work.resolve("token"), "expired-token\n");
        AtomicBoolean rotated = new AtomicBoolean();
        jobMojito.answer(request -> {
            if (!rotated.getAndSet(true)) {
                // an outside refresher writes the new token just as JobMojito refuses the old one
                try {
                    Files.writeString(tokenFile, Secrets.TOKEN + "\n");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return null;
        });
        OnceRunner withFile = new OnceRunner(work).with("--jobmojito.base-url=" + jobMojito.baseUrl())
                .with("--jobmojito.api-token-file=" + tokenFile).with("--jobmojito.interview-template-id=t-1");
        withFile.drop("greenhouse", "one.json", """
                {"jobs": [{"id": 9, "title": "Barista", "location": {"name": "Porto"}, "content": "Coffee."}]}""");

        assertThat(withFile.run()).isZero();

        assertThat(jobMojito.interviews()).hasSize(1);
        assertThat(jobMojito.creates()).extracting(JobMojitoStandIn.Received::authorization)
                .containsExactly("Bearer expired-token", "Bearer " + Secrets.TOKEN);
    }
}
