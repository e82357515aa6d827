package dev.jobmojito.connector.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A user adds a result sink by writing a route and listing its endpoint in {@code CONNECTOR_RESULT_SINKS}: it
 * gets every result as the results file's JSON line; a sink that fails is reported and counted, the other sinks
 * still get every result, and no job's outcome changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResultSinkRoutesTest {

    /** A sink of a user's, as a route in the routes folder: each result written to a file of its own. */
    private static final String COPY_SINK = """
            - route:
                id: results-copy
                from:
                  uri: direct:results-copy
                  steps:
                    - setHeader:
                        name: status
                        simple: ${body.status.value}
                    - to:
                        uri: file:{{sink.folder}}
                        parameters:
                          fileName: ${header.status}-${exchangeId}.json
            """;

    /** A sink that is down: every result it is given fails. */
    private static final String BROKEN_SINK = """
            - route:
                id: results-broken
                from:
                  uri: direct:results-broken
                  steps:
                    - throwException:
                        exceptionType: java.lang.IllegalStateException
                        message: the table is locked
            """;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito)
                .withRoute("results-copy.camel.yaml", COPY_SINK)
                .withRoute("results-broken.camel.yaml", BROKEN_SINK)
                .with("--sink.folder=" + work.resolve("sink"));
        connector.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void aSinkRouteGetsEveryResultAsItsJsonLine() {
        assertThat(connector.run("--connector.result-sinks=direct:results-copy")).isZero();

        List<JsonNode> lines = connector.resultLines();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("created"));
        assertThat(copied()).containsExactlyInAnyOrderElementsOf(lines);
        // the sink route can read the result's fields as well
        assertThat(work.resolve("sink").toFile().list()).allSatisfy(name -> assertThat(name).startsWith("created-"));
    }

    @Test
    void aFailingSinkChangesNoOutcomeAndTheSinksAfterItStillGetEveryResult(CapturedOutput output) {
        int exit = connector.run("--connector.result-sinks=direct:results-broken,direct:results-copy");

        assertThat(jobMojito.creates()).hasSize(4);
        List<JsonNode> lines = connector.resultLines();
        assertThat(lines).hasSize(4).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("created"));
        assertThat(copied()).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(output).contains("A result sink of CONNECTOR_RESULT_SINKS (direct:results-broken,direct:results-copy) failed for "
                        + "created")
                .contains("the table is locked")
                .contains("results a sink failed to take: 4");
        // the file is done: a later run has nothing to send again
        assertThat(connector.filesIn(".done/greenhouse")).hasSize(1);
        // but the run did not do all its work: not exit 0
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void resultsOfPostingsRecognisedUnchangedReachEverySinkOneEach(CapturedOutput output) {
        assertThat(connector.run("--connector.result-sinks=direct:results-copy")).isZero();
        // the first re-sync maps each posting and notes its record; the second recognises them without mapping
        for (int run = 2; run <= 3; run++) {
            connector.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));
            assertThat(connector.run("--connector.result-sinks=direct:results-broken,direct:results-copy"))
                    .as("a failing sink makes the run exit 1").isEqualTo(1);
        }

        List<JsonNode> lines = connector.resultLines();
        assertThat(lines).hasSize(12);
        assertThat(lines.subList(8, 12)).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("skipped");
            assertThat(line.get("errors").get(0).asText()).startsWith("unchanged since");
            assertThat(line.get("interview_def_set_id").asText()).isNotBlank();
        });
        assertThat(lines.subList(8, 12)).extracting(line -> line.get("name").asText())
                .containsExactlyInAnyOrderElementsOf(lines.subList(0, 4).stream()
                        .map(line -> line.get("name").asText()).toList());
        // every result of every run reached the sink route, one result each, the failing sink's after it too
        assertThat(copied()).containsExactlyInAnyOrderElementsOf(lines);
        assertThat(output).contains("results a sink failed to take: 4");
        assertThat(jobMojito.creates()).hasSize(4);
        assertThat(connector.filesIn(".done/greenhouse")).hasSize(3);
    }

    private List<JsonNode> copied() {
        try (Stream<Path> files = Files.list(work.resolve("sink"))) {
            return files.map(file -> {
                try {
                    return read(Files.readString(file));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String line) {
        try {
            return Json.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
