package dev.jobmojito.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector is killed with SIGKILL in the middle of a run, while creates are in flight, then started again:
 * every posting ends up created exactly once, no input file is lost and every posting has a result.
 * The connector runs in a JVM of its own, as in production.
 */
class CrashRecoveryTest {

    private static final int FILES = 3;
    private static final int PER_FILE = 40;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        // each create is made at once but answered a little later: at any moment some are in flight
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                ? jobMojito.forward(request).newBuilder().headersDelay(80, TimeUnit.MILLISECONDS).build() : null);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        jobMojito.close();
    }

    private Process connector(String mode, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.jobmojito.connector.ConnectorMain",
                "--connector.inbox=" + work.resolve("inbox"),
                "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state"),
                "--connector.concurrency=4",
                "--jobmojito.base-url=" + jobMojito.baseUrl(),
                "--jobmojito.api-token=" + Secrets.TOKEN,
                "--jobmojito.interview-template-id=t-1",
                "--connector.once=" + mode.equals("once")));
        Process process = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private void dropFiles() throws IOException {
        for (int file = 0; file < FILES; file++) {
            int first = file * PER_FILE;
            String jobs = IntStream.range(first, first + PER_FILE).mapToObj(i -> """
                    {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                     "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(i, i))
                    .collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
            Path target = Files.createDirectories(work.resolve("inbox/greenhouse")).resolve("jobs-" + file + ".json");
            Files.writeString(target, jobs);
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 10_000));
        }
    }

    @Test
    void killedMidRunAndRestartedEveryPostingIsCreatedOnceAndHasAResult() throws Exception {
        dropFiles();
        int postings = FILES * PER_FILE;

        Process first = connector("service", work.resolve("first.log"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobMojito.interviews().size() >= postings / 4);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, creates in flight
        first.waitFor(30, TimeUnit.SECONDS);
        int createdBeforeKill = jobMojito.interviews().size();
        assertThat(createdBeforeKill).isLessThan(postings);

        Process second = connector("once", work.resolve("second.log"));
        assertThat(second.waitFor(90, TimeUnit.SECONDS)).as(Files.readString(work.resolve("second.log"))).isTrue();

        assertThat(second.exitValue()).as(Files.readString(work.resolve("second.log"))).isZero();
        List<String> codes = jobMojito.interviews().stream().map(i -> i.get("code").asText()).toList();
        assertThat(codes).hasSize(postings).doesNotHaveDuplicates();
        try (Stream<Path> left = Files.list(work.resolve("inbox/greenhouse"))) {
            assertThat(left).isEmpty();
        }
        try (Stream<Path> done = Files.list(work.resolve("inbox/.done/greenhouse"))) {
            assertThat(done).hasSize(FILES);
        }
        Map<String, List<String>> outcomes = new HashMap<>();
        try (Stream<Path> files = Files.list(work.resolve("results"))) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank()) {
                        continue; // a line cut by the kill would not parse; none is expected
                    }
                    JsonNode result = Json.MAPPER.readTree(line);
                    outcomes.computeIfAbsent(result.get("code").asText(), c -> new ArrayList<>())
                            .add(result.get("status").asText());
                }
            }
        }
        assertThat(outcomes).hasSize(postings);
        assertThat(outcomes.values()).allSatisfy(statuses ->
                assertThat(statuses).allMatch(s -> s.equals("created") || s.equals("skipped")));
        System.out.printf("crash recovery: %d postings, %d interviews before the kill, %d after the restart,"
                        + " %d duplicates, %d adopted after a lost answer%n", postings, createdBeforeKill,
                codes.size(), codes.size() - codes.stream().distinct().count(),
                adopted(work.resolve("results")));
    }

    private static long adopted(Path results) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            long count = 0;
            for (Path file : files.toList()) {
                count += Files.readAllLines(file).stream().filter(l -> l.contains("\"note\":\"adopted")).count();
            }
            return count;
        }
    }
}
