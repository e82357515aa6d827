package dev.jobmojito.connector.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.support.TestLedgers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The result routes as shipped ({@code pipeline/results.camel.yaml}) on a bare Camel context, with the real
 * sinks behind them and no application started: where a result goes, what a sink receives, what a failing sink
 * does to the result and to the run.
 */
class ResultRoutesTest {

    @TempDir
    Path work;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private DefaultCamelContext camel;
    private ProducerTemplate results;
    private JsonLinesResults file;
    private RunSummary summary;
    private WebhookOutbox outbox;
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    /** Starts the shipped result routes with the webhook on or off and the further sinks given. */
    private void start(boolean webhook, String more) throws Exception {
        camel = new DefaultCamelContext();
        file = new JsonLinesResults(work.resolve("results"), Clock.systemUTC());
        summary = new RunSummary();
        camel.getRegistry().bind("jsonLinesResults", file);
        outbox = new WebhookOutbox(TestLedgers.h2(), Clock.systemUTC());
        camel.getRegistry().bind("webhookOutbox", outbox);
        camel.getRegistry().bind("resultSinks", new ResultSinks(webhook, more, summary, new ConnectorMetrics(meters)));
        camel.getTypeConverterRegistry().addTypeConverters(new ResultConverters());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // a user's sink: keeps what it is given, as text
                from("direct:results-kept").routeId("results-kept")
                        .process(exchange -> lines.add(exchange.getIn().getBody(String.class)));
                from("direct:results-down").routeId("results-down")
                        .errorHandler(noErrorHandler())
                        .throwException(new IllegalStateException("the queue is full"));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel,
                "classpath:pipeline/results.camel.yaml"));
        camel.start();
        results = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (file != null) {
            file.close();
        }
    }

    @Test
    void aResultGoesToTheResultsFileAndEveryFurtherSinkAsItsJsonLine() throws Exception {
        start(false, "direct:results-kept");

        results.sendBody("direct:record-result", result("4012001"));

        List<JsonNode> written = fileLines();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).get("code").asText()).isEqualTo("4012001");
        assertThat(lines).hasSize(1);
        assertThat(read(lines.get(0))).isEqualTo(written.get(0));
        assertThat(summary.count(JobStatus.CREATED)).isOne();
        assertThat(outbox.pending()).as("no webhook set").isZero();
    }

    @Test
    void theWebhookOutboxGetsEveryResultWhenTheWebhookIsOn() throws Exception {
        start(true, "");

        results.sendBody("direct:record-result", result("4012001"));
        results.sendBody("direct:record-result", result("4012002"));

        assertThat(outbox.pending()).isEqualTo(2);
        try (WebhookOutbox.Claim first = outbox.claim().orElseThrow();
             WebhookOutbox.Claim second = outbox.claim().orElseThrow()) {
            assertThat(List.of(read(first.body()).get("code").asText(), read(second.body()).get("code").asText()))
                    .as("oldest first").containsExactly("4012001", "4012002");
        }
    }

    @Test
    void aFurtherSinkThatFailsLeavesTheResultRecordedAndIsCounted() throws Exception {
        start(false, "direct:results-down,direct:results-kept");

        results.sendBody("direct:record-result", result("4012001"));

        assertThat(fileLines()).hasSize(1);
        assertThat(lines).as("the sink after the failing one").hasSize(1);
        assertThat(summary.count(JobStatus.CREATED)).isOne();
        assertThat(summary.clean()).isFalse();
        assertThat(summary.toString()).contains("results a sink failed to take: 1");
    }

    @Test
    void aResultsFileThatCannotBeWrittenFailsTheRecordForTheDecidingRouteToHandle() throws Exception {
        start(false, "direct:results-kept");
        // a file where the results folder must be
        Files.writeString(work.resolve("results"), "");

        assertThatThrownBy(() -> results.sendBody("direct:record-result", result("4012001")))
                .isInstanceOf(CamelExecutionException.class)
                .hasRootCauseInstanceOf(java.nio.file.FileAlreadyExistsException.class)
                .cause().isInstanceOf(OutcomeNotRecordedException.class);
        assertThat(lines).as("not recorded: not counted nor passed on").isEmpty();
        assertThat(summary.count(JobStatus.CREATED)).isZero();
    }

    @Test
    void resultsDecidedTogetherAreEachALineAMessageAndAResultForEveryFurtherSink() throws Exception {
        start(true, "direct:results-down,direct:results-kept");

        results.sendBody("direct:record-results", List.of(result("4012001"), result("4012002"), result("4012003")));
        results.sendBody("direct:record-results", List.of());

        assertThat(fileLines()).extracting(line -> line.get("code").asText())
                .containsExactly("4012001", "4012002", "4012003");
        assertThat(outbox.pending()).isEqualTo(3);
        assertThat(lines).as("one at a time, after the failing sink too").hasSize(3)
                .allSatisfy(line -> assertThat(read(line).get("status").asText()).isEqualTo("created"));
        assertThat(summary.count(JobStatus.CREATED)).isEqualTo(3);
        assertThat(summary.toString()).contains("results a sink failed to take: 3");
        assertThat(meters.get("connector.jobs").tag("status", "created").tag("route", "inbox")
                .tag("mapping", "greenhouse").counter().count()).isEqualTo(3.0);
    }

    @Test
    void resultsDecidedTogetherThatCannotBeWrittenFailTogether() throws Exception {
        start(false, "direct:results-kept");
        Files.writeString(work.resolve("results"), "");

        assertThatThrownBy(() -> results.sendBody("direct:record-results", List.of(result("1"), result("2"))))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(OutcomeNotRecordedException.class);
        assertThat(lines).isEmpty();
        assertThat(summary.count(JobStatus.CREATED)).isZero();
    }

    @Test
    void aRouteChoosesItsSinksByName() throws Exception {
        start(true, "direct:results-kept");

        results.sendBodyAndProperty("direct:record-result", result("4012001"), ResultSinks.CHOSEN, "file");

        assertThat(fileLines()).hasSize(1);
        assertThat(lines).isEmpty();
        assertThat(outbox.pending()).isZero();
    }

    private static JobResult result(String code) {
        return new JobResult(JobStatus.CREATED, code, "Role " + code, "i-" + code, List.of(),
                new JobSource("inbox", "greenhouse/jobs.json", 0, null), "greenhouse", null, 200, 1, Instant.now());
    }

    private List<JsonNode> fileLines() {
        try {
            return Files.readAllLines(file.currentFile()).stream().map(ResultRoutesTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
