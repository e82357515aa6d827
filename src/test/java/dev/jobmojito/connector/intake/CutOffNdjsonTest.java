package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An NDJSON export cut off in its last line (a transfer that stopped, a disk that filled up): the whole lines are
 * sent, the cut one is counted in the run summary as rejected with its line number, and the run says so in its
 * exit code (issue 11, "also seen": the file went to .done/ without a word).
 */
@ExtendWith(OutputCaptureExtension.class)
class CutOffNdjsonTest {

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() throws IOException {
        jobMojito = new JobMojitoStandIn();
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Files.writeString(mappings.resolve("greenhouse.yaml"), Files.readString(Path.of("mappings/greenhouse.yaml"))
                .replace("records: $.jobs[*]", "records: $[*]"));
        connector = new OnceRunner(work).against(jobMojito).with("--connector.mappings=" + mappings);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void theCutOffLastLineIsCountedInTheSummary(CapturedOutput output) {
        connector.drop("greenhouse", "jobs.ndjson", """
                {"id": 7001, "title": "Baker", "content": "<p>Bread at dawn.</p>", "location": {"name": "Graz"}}
                {"id": 7002, "title": "Pastry chef", "content": "<p>Cakes.</p>", "location": {"name": "Linz"}}
                {"id": 7003, "title": "Driver", "content": "<p>Deliv""");

        int code = connector.run();

        assertThat(jobMojito.creates()).hasSize(2);
        assertThat(output.getAll()).contains("Run summary: 3 read / 2 created / 0 updated / 1 rejected");
        assertThat(code).isEqualTo(1);
        assertThat(connector.resultLines()).filteredOn(r -> r.get("status").asText().equals("rejected"))
                .singleElement().satisfies(r -> assertThat(r.toString()).contains("line 3"));
    }

    @Test
    void aLastLineCutInsideACharacterIsCountedToo(CapturedOutput output) throws IOException {
        byte[] whole = ("{\"id\": 7001, \"title\": \"Baker\", \"content\": \"<p>Bread.</p>\", \"location\": "
                + "{\"name\": \"Graz\"}}\n{\"id\": 7002, \"title\": \"P\u00e2tissier\"").getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        // the cut falls between the two bytes of "\u00e2"
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - "tissier\"".length() - 1);
        Files.write(Files.createDirectories(connector.inbox().resolve("greenhouse")).resolve("jobs.ndjson"), cut);

        int code = connector.run();

        assertThat(jobMojito.creates()).hasSize(1);
        // bytes that are no UTF-8 make the rest of the file unreadable: it is set aside, and counted
        assertThat(output.getAll()).contains(" 1 created / ", "files: 0 done, 1 quarantined");
        assertThat(code).isEqualTo(1);
    }
}
