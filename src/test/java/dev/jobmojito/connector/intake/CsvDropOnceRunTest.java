package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV exports dropped in the inbox, end to end: Excel's semicolon export becomes interviews, and a file whose
 * header fits no column of the mapping is quarantined with the fix and fails the run, never "done".
 */
class CsvDropOnceRunTest {

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    private void drop(String name, byte[] bytes) throws IOException {
        Path file = Files.createDirectories(connector.inbox().resolve("csv")).resolve(name);
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 5_000));
    }

    @Test
    void anExcelExportIsSentAndAFileThatFitsNoColumnIsQuarantinedWithTheFix() throws IOException {
        // before: every row "skipped: empty row", the file moved to .done/ and the run exited 0
        drop("stellen-export.csv", Files.readAllBytes(
                Path.of("src/test/resources/field-cases/csv-semicolon-excel/csv/stellen-export.csv")));
        drop("other-ats.csv", "Req ID;Job Title;City\r\nR-1;Koch;Bern\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(connector.run()).as("a quarantined file fails the run").isEqualTo(1);

        assertThat(jobMojito.creates()).extracting(r -> r.body().get("code").asText())
                .containsExactlyInAnyOrder("FX-201", "FX-202");
        assertThat(connector.filesIn(".done/csv")).singleElement().asString().endsWith("stellen-export.csv");
        String reasonFile = connector.filesIn(".error/csv").stream().filter(n -> n.endsWith(".reason.txt"))
                .findFirst().orElseThrow();
        assertThat(Files.readString(connector.inbox().resolve(".error/csv").resolve(reasonFile)))
                .contains("File: csv/other-ats.csv", "holds none of the columns the mapping reads", "job_id",
                        "Req ID;Job Title;City");
    }
}
