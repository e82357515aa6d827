package dev.jobmojito.connector.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import dev.jobmojito.connector.support.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connector processes (separate JVMs) on one real PostgreSQL ledger, against a JobMojito that answers each
 * create after 100 ms. With the same ATS poll: only the leader polls, every posting becomes one interview, and
 * the leader killed with -9 in the middle of a cycle is covered by the other replica. With one drop folder on a
 * shared volume: a follower restarted while the leader works through a file, then the leader stopped, and the
 * file is finished by the restarted replica. Every posting is one interview with one {@code created} result
 * line, none failed.
 */
class ReplicasOnPostgresTest {

    private static final String LEADER = "now runs the intake";

    @TempDir
    Path work;

    private FakeAts ats;
    private JobMojitoStandIn jobMojito;
    private final List<ConnectorProcess> processes = new ArrayList<>();
    private volatile int postings;
    private volatile long latency = 100;

    @BeforeEach
    void start() {
        ats = new FakeAts();
        ats.serve(request -> FakeAts.json(board(postings)));
        jobMojito = new JobMojitoStandIn();
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                ? jobMojito.forward(request).newBuilder().headersDelay(latency, TimeUnit.MILLISECONDS).build() : null);
    }

    @AfterEach
    void stop() {
        processes.forEach(ConnectorProcess::close);
        ats.close();
        jobMojito.close();
    }

    @Test
    void twoReplicasPollingTheSameAtsCreateEachPostingOnceAndTheSurvivorCoversAKilledLeader() throws Exception {
        String ledger = TestPostgres.newDatabase();
        postings = 40;
        ConnectorProcess a = replica("a", ledger);
        ConnectorProcess b = replica("b", ledger);

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobMojito.interviews().size() >= 40);
        assertThat(codes()).hasSize(40).doesNotHaveDuplicates();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> createdLines().size() == 40);
        ConnectorProcess leader = a.output().contains(LEADER) ? a : b;
        ConnectorProcess other = leader == a ? b : a;
        assertThat(other.output()).as("one leader at a time").doesNotContain(LEADER);

        // a larger board: the leader is killed in the middle of its next cycle
        postings = 140;
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobMojito.interviews().size() >= 60);
        leader.signal("KILL");
        leader.awaitExit(10);
        int atKill = jobMojito.interviews().size();
        assertThat(atKill).as("killed in the middle of the cycle").isLessThan(140);

        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobMojito.interviews().size() >= 140 && createdLines().size() >= 140);
        assertThat(other.output()).contains(LEADER);
        assertThat(codes()).as(other.output()).hasSize(140).doesNotHaveDuplicates();
        Map<String, Long> created = createdLines().stream()
                .collect(Collectors.groupingBy(line -> line.get("code").asText(), Collectors.counting()));
        assertThat(created).hasSize(140).allSatisfy((code, count) -> assertThat(count).as(code).isEqualTo(1));
        assertThat(allLines()).noneMatch(line -> line.get("status").asText().equals("failed")
                || line.get("status").asText().equals("rejected"));
        System.out.printf("two replicas on PostgreSQL: 40 + 100 postings, leader killed at %d interviews, "
                + "%d interviews, %d creates sent, 0 duplicates%n", atKill, codes().size(), jobMojito.creates().size());
    }

    @Test
    void aDropFolderSharedByTwoReplicasSurvivesARollingRestartWithEveryPostingCreatedOnce() throws Exception {
        String ledger = TestPostgres.newDatabase();
        Path shared = java.nio.file.Files.createDirectories(work.resolve("shared-inbox/greenhouse")).getParent();
        for (String name : List.of("a", "b", "b2")) {
            java.nio.file.Files.createDirectories(work.resolve(name));
            java.nio.file.Files.createSymbolicLink(work.resolve(name + "/inbox"), shared);
        }
        ConnectorProcess a = replica("a", ledger, "a.log");
        ConnectorProcess b = replica("b", ledger, "b.log");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> a.output().contains(LEADER) || b.output().contains(LEADER));
        ConnectorProcess leader = a.output().contains(LEADER) ? a : b;
        ConnectorProcess follower = leader == a ? b : a;
        Path file = shared.resolve("greenhouse/jobs.json");
        java.nio.file.Files.writeString(file, board(200));
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000));

        // the follower is restarted while the leader works through the file: it must not touch the leader's file
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> jobMojito.interviews().size() >= 30);
        // JobMojito slows down meanwhile, so the leader is still in the middle of the file when it is stopped
        latency = 1_000;
        follower.signal("TERM");
        follower.awaitExit(60);
        ConnectorProcess restarted = replica(follower == a ? "a" : "b2", ledger, "restarted.log");
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> restarted.output().contains("Sending interviews to JobMojito") || jobMojito.interviews().size() >= 200);
        // then the leader is stopped (a rolling update): the restarted replica takes the folder over
        int atStop = jobMojito.interviews().size();
        leader.signal("TERM");
        leader.awaitExit(60);
        assertThat(atStop).as("stopped in the middle of the file").isLessThan(200);
        latency = 100;

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> jobMojito.interviews().size() >= 200 && createdLines().size() >= 200
                        && java.nio.file.Files.notExists(file));
        assertThat(codes()).hasSize(200).doesNotHaveDuplicates();
        Map<String, Long> created = createdLines().stream()
                .collect(Collectors.groupingBy(line -> line.get("code").asText(), Collectors.counting()));
        assertThat(created).hasSize(200).allSatisfy((code, count) -> assertThat(count).as(code).isEqualTo(1));
        assertThat(allLines()).as("no false failed").noneMatch(line -> line.get("status").asText().equals("failed")
                || line.get("status").asText().equals("rejected"));
        try (var done = java.nio.file.Files.list(shared.resolve(".done/greenhouse"))) {
            assertThat(done).hasSize(1);
        }
        System.out.printf("drop folder on two replicas: follower restarted mid-file, leader stopped at %d of 200: "
                + "%d interviews, %d creates sent, 0 duplicates, 0 failed%n", atStop, codes().size(),
                jobMojito.creates().size());
    }

    private ConnectorProcess replica(String name, String ledger) {
        return replica(name, ledger, name + ".log");
    }

    private ConnectorProcess replica(String name, String ledger, String log) {
        Path folder = work.resolve(name);
        ConnectorProcess process = ConnectorProcess.start(folder, jobMojito, false, work.resolve(log),
                "--connector.ledger.url=" + ledger, "--connector.ledger.username=postgres",
                "--connector.poll.url=" + ats.baseUrl() + "/v1/boards/acme/jobs",
                "--connector.poll.mapping=greenhouse", "--connector.poll.interval=1s",
                "--connector.leader-timeout=3s", "--connector.concurrency=4",
                "--connector.retry.initial-delay=20ms", "--connector.retry.max-delay=50ms");
        processes.add(process);
        return process;
    }

    private List<String> codes() {
        return jobMojito.interviews().stream().map(i -> i.get("code").asText()).toList();
    }

    private List<JsonNode> allLines() {
        List<JsonNode> lines = new ArrayList<>(OnceRunner.resultLines(work.resolve("a/results")));
        lines.addAll(OnceRunner.resultLines(work.resolve("b/results")));
        lines.addAll(OnceRunner.resultLines(work.resolve("b2/results")));
        return lines;
    }

    private List<JsonNode> createdLines() {
        return allLines().stream().filter(line -> line.get("status").asText().equals("created")).toList();
    }

    private static String board(int count) {
        return "{\"jobs\": [" + IntStream.range(0, count).mapToObj(id -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(id, id))
                .collect(Collectors.joining(",")) + "], \"meta\": {\"total\": " + count + "}}";
    }
}
