package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A posting is known to the ledger by its mapping's {@code source} and its code: a mapping file renamed (or
 * copied) that keeps its {@code source} finds the postings it already sent instead of creating them again.
 */
class PostingIdentityTest {

    private static final Path SAMPLE = Path.of("samples/greenhouse/jobs.json");

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;
    private Path mappings;

    @BeforeEach
    void start() throws IOException {
        jobMojito = new JobMojitoStandIn();
        mappings = Files.createDirectories(work.resolve("mappings"));
        connector = new OnceRunner(work).against(jobMojito).with("--connector.mappings=" + mappings);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void aRenamedMappingThatKeepsItsSourceSendsNothingTwice() throws IOException {
        Files.writeString(mappings.resolve("greenhouse.yaml"), "source: acme-board\n"
                + Files.readString(Path.of("mappings/greenhouse.yaml")));
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();
        assertThat(jobMojito.creates()).hasSize(4);

        Files.move(mappings.resolve("greenhouse.yaml"), mappings.resolve("greenhouse-eu.yaml"));
        connector.dropSample("greenhouse-eu", SAMPLE);
        assertThat(connector.run()).isZero();

        assertThat(jobMojito.creates()).as("nothing created a second time").hasSize(4);
        assertThat(connector.resultLines()).filteredOn(l -> l.get("mapping").asText().equals("greenhouse-eu"))
                .hasSize(4).allSatisfy(l -> assertThat(l.get("status").asText()).isEqualTo("skipped"));
    }

    @Test
    void withoutASourceTheMappingNameIsTheKeySoARenamedCopyIsANewSource() throws IOException {
        Files.copy(Path.of("mappings/greenhouse.yaml"), mappings.resolve("greenhouse.yaml"));
        Files.copy(Path.of("mappings/greenhouse.yaml"), mappings.resolve("greenhouse-copy.yaml"));
        connector.dropSample("greenhouse", SAMPLE);
        connector.dropSample("greenhouse-copy", SAMPLE);

        assertThat(connector.run()).isZero();

        assertThat(jobMojito.creates()).hasSize(8);
    }
}
