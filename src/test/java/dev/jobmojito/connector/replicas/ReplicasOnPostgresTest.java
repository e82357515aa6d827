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
 * Two connector processes (separate JVMs) on one real PostgreSQL ledger, both configured with the same ATS poll,
 * against a JobMojito that answers each create after 100 ms. Only the leader polls; every posting becomes one
 * interview; the leader killed with -9 in the middle of a cycle is covered by the other replica, and still
 * every posting is one interview with one {@code created} result line and none failed.
 */
class ReplicasOnPostgresTest {

    private static final String LEADER = "now runs the intake";

    @TempDir
    Path work;

    private FakeAts ats;
    private JobMojitoStandIn jobMojito;
    private final List<ConnectorProcess> processes = new ArrayList<>();
    private volatile int postings;

    @BeforeEach
    void start() {
        ats = new FakeAts();
        ats.serve(request -> FakeAts.json(board(postings)));
        jobMojito = new JobMojitoStandIn();
        jobMojito.answer(request -> request.path().equals(JobMojitoStandIn.CREATE)
                ? jobMojito.forward(request).newBuilder().headersDelay(100, TimeUnit.MILLISECONDS).build() : null);
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

    private ConnectorProcess replica(String name, String ledger) {
        Path folder = work.resolve(name);
        ConnectorProcess process = ConnectorProcess.start(folder, jobMojito, false, work.resolve(name + ".log"),
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
