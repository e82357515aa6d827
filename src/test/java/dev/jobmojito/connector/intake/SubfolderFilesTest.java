package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A file left in a subfolder of a mapping's folder ({@code <inbox>/greenhouse/old/jobs.json}) is not read, and not
 * silently ignored either (issue 11, "also seen"): it is set aside in {@code .error/} with a reason that names the
 * fix, the run summary counts it, and the run's exit code says something needs a look.
 */
@ExtendWith(OutputCaptureExtension.class)
class SubfolderFilesTest {

    private static final Path SAMPLE = Path.of("samples/greenhouse/jobs.json");

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

    @Test
    void aFileInASubfolderIsReportedWithTheFixAndNotSent(CapturedOutput output) throws IOException {
        connector.dropSample("greenhouse", SAMPLE);
        connector.dropSample("greenhouse/old", SAMPLE);
        connector.drop("greenhouse/2026/11", "more.json", "{\"jobs\": []}");
        connector.drop("greenhouse/exports/2026/11/30/night", "deep.json", "{\"jobs\": []}");

        int code = connector.run();

        assertThat(jobMojito.creates()).as("only the file in greenhouse/ itself").hasSize(4);
        assertThat(code).isEqualTo(1);
        assertThat(output.getAll()).contains("files: 1 done, 3 quarantined");
        try (Stream<Path> files = Files.walk(connector.inbox().resolve(".error"))) {
            String reasons = files.filter(f -> f.toString().endsWith(".reason.txt")).map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).reduce("", String::concat);
            assertThat(reasons).contains("greenhouse/old/jobs.json", "greenhouse/2026/11/more.json",
                    "greenhouse/exports/2026/11/30/night/deep.json",
                    "the file is in a subfolder of the mapping's folder", "directly in <inbox>/greenhouse/ only");
        }
    }
}
