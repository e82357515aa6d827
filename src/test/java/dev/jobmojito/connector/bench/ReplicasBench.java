package dev.jobmojito.connector.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.support.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What a second replica adds: connector JVMs in service mode on one embedded PostgreSQL ledger and one drop
 * folder, against a loopback JobMojito answering each create after 50 ms, in postings/s from the first create
 * to the last ({@link SlowJobMojito#rate()}, so start-up is not counted). One replica, then two, each on a
 * fresh database with the same export split into {@value #FILES} files (a drop folder holding several exports,
 * as operators' schedules leave it). The target (issue 13): two carry at least 1.8 times what one carries.
 */
final class ReplicasBench {

    static final int POSTINGS = 960;
    static final int FILES = 8;
    /** Postings every replica's JVM warms up on (a file each, other codes) before the measured drop. */
    static final int WARM_UP = 240;
    /** Jobs in flight per replica (-Dbench.replicas.in-flight); few enough that one replica is bound by JobMojito's latency, not by this machine's two cores. */
    static final int IN_FLIGHT = Integer.getInteger("bench.replicas.in-flight", 2);
    private static final long LATENCY_MS = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReplicasBench() {
    }

    static String run(Path work) throws Exception {
        Files.createDirectories(work);
        Path export = work.resolve("export.json");
        GreenhouseExport.write(export, POSTINGS + WARM_UP, 11);
        StringBuilder table = new StringBuilder("## Replicas (service mode, one PostgreSQL ledger, one drop folder "
                + "with " + FILES + " files of " + POSTINGS / FILES + " postings; JobMojito answering after "
                + LATENCY_MS + " ms; " + IN_FLIGHT + " in flight per replica)\n\n"
                + "Overall: from the first create to the last. While all work: from the moment the last replica "
                + "made its first create to the moment the first replica made its last, the creates in between (a "
                + "replica picks up its first file at its next poll of the folder, up to 1 s after another, and the "
                + "last files end up to one file apart).\n\n"
                + "| replicas | postings | postings/s overall | vs one replica | postings/s while all work | vs one "
                + "replica |\n|---:|---:|---:|---:|---:|---:|\n");
        double one = 0;
        double oneSteady = 0;
        for (int replicas : new int[] {1, 2}) {
            Path run = work.resolve("replicas-" + replicas);
            double rate = measure(run, export, replicas);
            double steady = whileAllWork(run, replicas);
            if (replicas == 1) {
                one = rate;
                oneSteady = steady;
            }
            table.append(String.format("| %d | %d | %,.0f | %.2f | %,.0f | %.2f |%n", replicas, POSTINGS, rate,
                    rate / one, steady, steady / oneSteady));
        }
        return table.append('\n').toString();
    }

    /** Creates/s of the measured files while every replica was creating, from the replicas' result lines. */
    private static double whileAllWork(Path run, int replicas) throws IOException {
        List<List<java.time.Instant>> created = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            List<java.time.Instant> times = new ArrayList<>();
            try (var files = Files.list(run.resolve("replica-" + i).resolve("results"))) {
                for (Path file : files.toList()) {
                    for (String line : Files.readAllLines(file)) {
                        JsonNode result = MAPPER.readTree(line);
                        if (result.path("status").asText().equals("created")
                                && result.path("source").path("file").asText().contains("jobs-")) {
                            times.add(java.time.Instant.parse(result.path("at").asText()));
                        }
                    }
                }
            }
            times.sort(null);
            created.add(times);
        }
        java.time.Instant from = created.stream().map(t -> t.get(0)).max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        java.time.Instant to = created.stream().map(t -> t.get(t.size() - 1))
                .min(java.util.Comparator.naturalOrder()).orElseThrow();
        long between = created.stream().flatMap(List::stream).filter(t -> !t.isBefore(from) && !t.isAfter(to))
                .count();
        return (between - 1) / (java.time.Duration.between(from, to).toNanos() / 1e9);
    }

    private static double measure(Path run, Path export, int replicas) throws Exception {
        Bench.deleteTree(run);
        Path inbox = Files.createDirectories(run.resolve("inbox/greenhouse"));
        String ledger = TestPostgres.newDatabase();
        List<Process> processes = new ArrayList<>();
        try (SlowJobMojito jobMojito = new SlowJobMojito(LATENCY_MS)) {
            for (int i = 0; i < replicas; i++) {
                processes.add(replica(run, "replica-" + i, jobMojito.baseUrl(), ledger));
            }
            // the files are dropped once every replica is up: what a second replica adds, not how fast it starts
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.MINUTES)
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> IntStream.range(0, replicas).allMatch(i -> started(run.resolve("replica-" + i)))
                            || processes.stream().anyMatch(p -> !p.isAlive()));
            // a warm-up file per replica (the JIT, the connection pools), not measured
            split(export, inbox, POSTINGS, WARM_UP, replicas, "warm-up-");
            org.awaitility.Awaitility.await().atMost(5, TimeUnit.MINUTES)
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> jobMojito.creates() >= WARM_UP || processes.stream().anyMatch(p -> !p.isAlive()));
            jobMojito.restart();
            split(export, inbox, 0, POSTINGS, FILES, "jobs-");
            // every posting created, or a replica gone (then the check below says how far it got)
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.MINUTES)
                    .pollInterval(java.time.Duration.ofMillis(100))
                    .until(() -> jobMojito.creates() >= POSTINGS || processes.stream().anyMatch(p -> !p.isAlive()));
            if (jobMojito.creates() < POSTINGS) {
                throw new IllegalStateException(replicas + " replicas: " + jobMojito.creates() + " of " + POSTINGS
                        + " created, a replica stopped; see the logs in " + run);
            }
            if (jobMojito.creates() != POSTINGS) {
                throw new IllegalStateException(replicas + " replicas created " + jobMojito.creates() + " for "
                        + POSTINGS + " postings");
            }
            return jobMojito.rate();
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            for (Process process : processes) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static boolean started(Path replica) {
        Path log = replica.resolve("log.txt");
        try {
            return Files.exists(log) && Files.readString(log).contains("Started ConnectorMain");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The export's postings in {@value #FILES} files of the drop folder, settled (older than the settle time). */
    private static void split(Path export, Path folder, int from, int count, int files, String prefix)
            throws IOException {
        JsonNode jobs = MAPPER.readTree(export.toFile()).get("jobs");
        int each = count / files;
        for (int file = 0; file < files; file++) {
            ObjectNode part = MAPPER.createObjectNode();
            ArrayNode list = part.putArray("jobs");
            for (int i = from + file * each; i < from + (file + 1) * each; i++) {
                list.add(jobs.get(i));
            }
            Path target = folder.resolve(prefix + file + ".json");
            Path hidden = folder.resolve("." + prefix + file + ".json");
            MAPPER.writeValue(hidden.toFile(), part);
            Files.setLastModifiedTime(hidden, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            Files.move(hidden, target);
        }
    }

    private static Process replica(Path run, String name, String baseUrl, String ledger) throws IOException {
        Path own = Files.createDirectories(run.resolve(name));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), "dev.jobmojito.connector.ConnectorMain",
                "--connector.inbox=" + run.resolve("inbox"), "--connector.results=" + own.resolve("results"),
                "--connector.state=" + own.resolve("state"), "--connector.concurrency=" + IN_FLIGHT,
                "--connector.ledger.url=" + ledger, "--connector.ledger.username=postgres",
                "--jobmojito.base-url=" + baseUrl, "--jobmojito.api-token=bench",
                "--jobmojito.interview-template-id=t-1", "--server.port=0",
                "--logging.level.dev.jobmojito.connector=WARN",
                "--logging.level.dev.jobmojito.connector.ConnectorMain=INFO");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(own.resolve("log.txt").toFile())
                .start();
    }
}
