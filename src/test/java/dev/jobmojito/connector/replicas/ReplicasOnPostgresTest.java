package dev.jobmojito.connector.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import dev.jobmojito.connector.support.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two connector processes (separate JVMs) on one real PostgreSQL ledger, against a JobMojito that answers each
 * create after 100 ms. With the same ATS poll: only the leader polls, every posting becomes one interview, and
 * the leader killed with -9 in the middle of a cycle is covered by the other replica. With one drop folder on a
 * shared volume: a follower restarted while the leader works through a file, then the leader stopped, and the
 * file is finished by the restarted replica. Every posting is one interview with one {@code created} result
 * line, none failed. With three replicas and a webhook receiver that is down: the results wait in the outbox in
 * the database, the replica that decided them is killed with -9, and once the receiver is up the survivors
 * deliver every result, each webhook-id accepted once.
 */
class ReplicasOnPostgresTest {

    private static final String LEADER = "now runs the intake";
    private static final String SHARED = "The drop folder is shared with the other replicas";
    private static final String READY = "Started ConnectorMain";

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
        Path shared = sharedInbox("a", "b", "b2");
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

    @Test
    void twoReplicasSharingADropFolderEachReadFilesAndEveryFileIsReadByOneOfThem() throws Exception {
        String ledger = TestPostgres.newDatabase();
        Path shared = sharedInbox("a", "b");
        // the default lease (10 s, kept alive every 3.3 s): with the other tests' 3 s, a replica starved of CPU for
        // 2 s on a loaded CI machine had its claim taken over and its file read a second time (all skipped)
        ConnectorProcess a = replica("a", ledger, "a.log", "--connector.leader-timeout=10s");
        ConnectorProcess b = replica("b", ledger, "b.log", "--connector.leader-timeout=10s");
        try {
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .failFast(() -> !a.isAlive() || !b.isAlive())
                    .until(() -> a.output().contains(READY) && b.output().contains(READY));
        } catch (RuntimeException notReady) {
            throw new AssertionError("replicas not ready:\n" + a.output() + "\n---\n" + b.output(), notReady);
        }
        assertThat(a.output()).contains(SHARED);
        assertThat(b.output()).contains(SHARED);
        // six exports of 20 postings each, dropped settled
        for (int file = 0; file < 6; file++) {
            Path export = shared.resolve("greenhouse/.jobs-" + file + ".json");
            java.nio.file.Files.writeString(export, board(file * 20, 20));
            java.nio.file.Files.setLastModifiedTime(export, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000));
            java.nio.file.Files.move(export, export.resolveSibling("jobs-" + file + ".json"));
        }

        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> createdLines().size() >= 120);
        assertThat(codes()).hasSize(120).doesNotHaveDuplicates();
        Map<String, Long> created = createdLines().stream()
                .collect(Collectors.groupingBy(line -> line.get("code").asText(), Collectors.counting()));
        assertThat(created).hasSize(120).allSatisfy((code, count) -> assertThat(count).as(code).isEqualTo(1));
        // each file read whole by one replica: all of its lines are in that replica's results
        Map<String, java.util.Set<String>> readersByFile = new HashMap<>();
        Map<String, Long> statuses = new java.util.TreeMap<>();
        for (String replica : List.of("a", "b")) {
            for (JsonNode line : OnceRunner.resultLines(work.resolve(replica + "/results"))) {
                statuses.merge(replica + " " + line.get("source").get("file").asText() + " "
                        + line.get("status").asText(), 1L, Long::sum);
                readersByFile.computeIfAbsent(line.get("source").get("file").asText(), f -> new java.util.TreeSet<>())
                        .add(replica);
            }
        }
        assertThat(readersByFile).as(statuses + "\n" + fileLines(a, b)).hasSize(6).allSatisfy((file, readers) -> assertThat(readers).as(file).hasSize(1));
        assertThat(readersByFile.values().stream().flatMap(java.util.Set::stream).distinct())
                .as("both replicas read files").containsExactlyInAnyOrder("a", "b");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (var done = java.nio.file.Files.list(shared.resolve(".done/greenhouse"))) {
                return done.count() == 6;
            }
        });
        JdbcTemplate database = new JdbcTemplate(TestPostgres.dataSource(ledger));
        assertThat(database.queryForObject("SELECT COUNT(*) FROM inbox_file_claim", Integer.class))
                .as("claims released once the files moved").isZero();
        System.out.printf("drop folder shared by two replicas: 6 files, %s, 120 interviews, 0 duplicates%n",
                readersByFile);
    }

    @Test
    void threeReplicasDeliverEveryResultToTheWebhookOncePerIdAfterOneIsKilledWithTheBacklog() throws Exception {
        String ledger = TestPostgres.newDatabase();
        JdbcTemplate database = new JdbcTemplate(TestPostgres.dataSource(ledger));
        latency = 0;
        // the receiver is down (503) until the test brings it up; it keeps every webhook-id it accepted (2xx)
        AtomicBoolean receiverUp = new AtomicBoolean();
        AtomicInteger refused = new AtomicInteger();
        List<String> acceptedIds = new CopyOnWriteArrayList<>();
        List<String> acceptedCodes = new CopyOnWriteArrayList<>();
        MockWebServer receiver = new MockWebServer();
        receiver.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!receiverUp.get()) {
                    refused.incrementAndGet();
                    // slow to fail, so the replicas are mostly in the middle of a delivery (holding a row's claim)
                    return new MockResponse.Builder().code(503).headersDelay(300, TimeUnit.MILLISECONDS).build();
                }
                acceptedIds.add(request.getHeaders().get("webhook-id"));
                try {
                    acceptedCodes.add(Json.MAPPER.readTree(request.getBody().utf8()).get("code").asText());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return new MockResponse.Builder().code(204).build();
            }
        });
        receiver.start(InetAddress.getLoopbackAddress(), 0);
        try {
            Path shared = sharedInbox("a", "b", "c");
            String[] webhook = {"--connector.webhook.url=http://127.0.0.1:" + receiver.getPort() + "/hook",
                    "--connector.webhook.secret=replicas-webhook-secret", "--connector.webhook.retry-delay=200ms",
                    // the default file lease: three JVMs on two cores starve each other, and a 3 s lease let a
                    // starved replica's file be read a second time (its postings skipped, but queued as results)
                    "--connector.leader-timeout=10s"};
            List<ConnectorProcess> replicas = List.of(replica("a", ledger, "a.log", webhook),
                    replica("b", ledger, "b.log", webhook), replica("c", ledger, "c.log", webhook));
            try {
                // three JVMs starting at once on two cores
                Awaitility.await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(100))
                        .failFast(() -> replicas.stream().anyMatch(r -> !r.isAlive()))
                        .until(() -> replicas.stream().allMatch(r -> output(r).contains(READY)));
            } catch (RuntimeException notReady) {
                throw new AssertionError("replicas not ready:\n" + replicas.stream().map(r -> output(r))
                        .collect(Collectors.joining("\n---\n")), notReady);
            }
            Path file = shared.resolve("greenhouse/jobs.json");
            java.nio.file.Files.writeString(file, board(30));
            java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000));

            // every result is decided and queued while the receiver is down; the replicas keep trying
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> outbox(database) == 30 && refused.get() >= 3);
            assertThat(createdLines()).hasSize(30);
            // the replica that read the file decided every result
            List<String> names = List.of("a", "b", "c");
            ConnectorProcess decider = IntStream.range(0, 3)
                    .filter(i -> !OnceRunner.resultLines(work.resolve(names.get(i) + "/results")).isEmpty())
                    .mapToObj(replicas::get).findFirst().orElseThrow();
            decider.signal("KILL");
            decider.awaitExit(10);
            int atKill = outbox(database);

            receiverUp.set(true);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> acceptedIds.size() >= 30 && outbox(database) == 0);

            assertThat(acceptedIds).as("each webhook-id accepted once").hasSize(30).doesNotHaveDuplicates();
            assertThat(acceptedCodes).as("every result delivered").hasSize(30).doesNotHaveDuplicates();
            assertThat(acceptedCodes).containsExactlyInAnyOrderElementsOf(
                    createdLines().stream().map(line -> line.get("code").asText()).toList());
            System.out.printf("three replicas, webhook receiver down then up: 30 results queued, their replica killed"
                    + " with %d in the outbox, %d refusals before; %d delivered, %d distinct webhook-ids%n", atKill,
                    refused.get(), acceptedIds.size(), acceptedIds.stream().distinct().count());
        } finally {
            receiver.close();
        }
    }

    private static int outbox(JdbcTemplate database) {
        Integer count = database.queryForObject("SELECT COUNT(*) FROM webhook_outbox", Integer.class);
        return count == null ? 0 : count;
    }

    private static String output(ConnectorProcess process) {
        try {
            return process.output();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private ConnectorProcess replica(String name, String ledger) {
        return replica(name, ledger, name + ".log");
    }

    private ConnectorProcess replica(String name, String ledger, String log) {
        return replica(name, ledger, log, "--connector.poll.url=" + ats.baseUrl() + "/v1/boards/acme/jobs",
                "--connector.poll.mapping=greenhouse", "--connector.poll.interval=1s");
    }

    /** A replica on the shared ledger with the given further settings (a poll, a webhook). */
    private ConnectorProcess replica(String name, String ledger, String log, String... extra) {
        Path folder = work.resolve(name);
        List<String> settings = new ArrayList<>(List.of(
                "--connector.ledger.url=" + ledger, "--connector.ledger.username=postgres",
                "--connector.leader-timeout=3s", "--connector.concurrency=4",
                "--connector.retry.initial-delay=20ms", "--connector.retry.max-delay=50ms"));
        // a setting given again replaces the default above (Spring would join the two values with a comma)
        for (String setting : extra) {
            String key = setting.substring(0, setting.indexOf('=') + 1);
            settings.removeIf(s -> s.startsWith(key));
            settings.add(setting);
        }
        ConnectorProcess process = ConnectorProcess.start(folder, jobMojito, false, work.resolve(log),
                settings.toArray(String[]::new));
        processes.add(process);
        return process;
    }

    /** The replicas' log lines about files and claims, and their warnings: what a failed assertion needs. */
    private static String fileLines(ConnectorProcess... replicas) throws IOException {
        StringBuilder lines = new StringBuilder();
        char name = 'a';
        for (ConnectorProcess replica : replicas) {
            String tag = String.valueOf(name++);
            replica.output().lines()
                    .filter(line -> line.contains("FileIntake") || line.contains("WARN") || line.contains("ERROR")
                            || line.contains("rphan") || line.contains("keepAlive"))
                    .forEach(line -> lines.append(tag).append(' ').append(line).append('\n'));
        }
        return lines.toString();
    }

    /** A drop folder on a "shared volume" that each named replica mounts as its inbox; returns the folder. */
    private Path sharedInbox(String... replicas) throws IOException {
        Path shared = java.nio.file.Files.createDirectories(work.resolve("shared-inbox/greenhouse")).getParent();
        for (String name : replicas) {
            java.nio.file.Files.createDirectories(work.resolve(name));
            java.nio.file.Files.createSymbolicLink(work.resolve(name + "/inbox"), shared);
        }
        return shared;
    }

    private List<String> codes() {
        return jobMojito.interviews().stream().map(i -> i.get("code").asText()).toList();
    }

    private List<JsonNode> allLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String replica : List.of("a", "b", "b2", "c")) {
            lines.addAll(OnceRunner.resultLines(work.resolve(replica + "/results")));
        }
        return lines;
    }

    private List<JsonNode> createdLines() {
        return allLines().stream().filter(line -> line.get("status").asText().equals("created")).toList();
    }

    private static String board(int count) {
        return board(0, count);
    }

    private static String board(int first, int count) {
        return "{\"jobs\": [" + IntStream.range(first, first + count).mapToObj(id -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(id, id))
                .collect(Collectors.joining(",")) + "], \"meta\": {\"total\": " + count + "}}";
    }
}
