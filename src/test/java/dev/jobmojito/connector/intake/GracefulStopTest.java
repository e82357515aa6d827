package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector is stopped the ordinary way (SIGTERM from systemd or Kubernetes, Ctrl-C in a terminal) in the
 * middle of a 200-posting file, in a JVM of its own, then run again: every posting becomes exactly one
 * interview and has a result, and no job is reported failed because of the stop.
 */
class GracefulStopTest {

    private static final int POSTINGS = 200;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private final List<ConnectorProcess> processes = new ArrayList<>();

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        // JobMojito answers each create after 50 ms, as the real one roughly does
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                ? jobMojito.forward(request).newBuilder().headersDelay(50, TimeUnit.MILLISECONDS).build() : null);
    }

    @AfterEach
    void stop() {
        processes.forEach(ConnectorProcess::close);
        jobMojito.close();
    }

    @ParameterizedTest(name = "{0} in {1} mode")
    @CsvSource({"TERM, service", "INT, once"})
    void stoppedMidFileAndStartedAgainEveryPostingIsCreatedOnceAndNoneFailed(String signal, String mode)
            throws Exception {
        Path file = Files.createDirectories(work.resolve("inbox/greenhouse")).resolve("jobs.json");
        Files.writeString(file, IntStream.range(0, POSTINGS).mapToObj(i -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(i, i))
                .collect(Collectors.joining(",", "{\"jobs\": [", "]}")));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        ConnectorProcess first = started(mode.equals("once"), "first.log");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> jobMojito.interviews().size() >= 20);
        first.signal(signal);
        int firstExit = first.awaitExit(60);
        int createdBeforeStop = jobMojito.interviews().size();
        assertThat(createdBeforeStop).as(first.output()).isLessThan(POSTINGS);
        assertThat(results()).as("no job fails because of the stop").allSatisfy(line ->
                assertThat(line.get("status").asText()).isIn("created", "skipped"));
        assertThat(first.output()).doesNotContain("already closed").doesNotContain("Exception");
        if (mode.equals("once")) {
            assertThat(firstExit).as("a once-mode run that was stopped did not do its work").isNotZero();
        }
        // the file was not all handled: it stays in the inbox
        assertThat(work.resolve("inbox/greenhouse/jobs.json")).exists();

        ConnectorProcess second = started(true, "second.log");
        assertThat(second.awaitExit(120)).as(second.output()).isZero();

        List<String> codes = jobMojito.interviews().stream().map(i -> i.get("code").asText()).toList();
        assertThat(codes).hasSize(POSTINGS).doesNotHaveDuplicates();
        Map<String, List<String>> outcomes = new HashMap<>();
        for (JsonNode line : results()) {
            outcomes.computeIfAbsent(line.get("code").asText(), c -> new ArrayList<>()).add(line.get("status").asText());
        }
        assertThat(outcomes).hasSize(POSTINGS);
        assertThat(outcomes.values()).allSatisfy(statuses -> assertThat(statuses).contains("created")
                .allMatch(s -> s.equals("created") || s.equals("skipped")));
        try (Stream<Path> done = Files.list(work.resolve("inbox/.done/greenhouse"))) {
            assertThat(done).hasSize(1);
        }
        System.out.printf("graceful stop (SIG%s, %s): %d of %d created before the stop, %d interviews after the "
                + "second run, 0 failed%n", signal, mode, createdBeforeStop, POSTINGS, codes.size());
    }

    private ConnectorProcess started(boolean once, String log) {
        ConnectorProcess process = ConnectorProcess.start(work, jobMojito, once, work.resolve(log),
                "--connector.concurrency=4");
        processes.add(process);
        return process;
    }

    private List<JsonNode> results() {
        return OnceRunner.resultLines(work.resolve("results"));
    }
}
