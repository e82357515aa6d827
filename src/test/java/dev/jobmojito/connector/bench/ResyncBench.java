package dev.jobmojito.connector.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.support.TestPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of a re-sync that finds nothing changed, as every poll cycle of a large board mostly is: a once-mode
 * run over an export whose postings are all in the ledger already, in postings/s beyond start-up (from the run's
 * first result to its last): the first re-sync after the creates, and the median and best of five after that (in
 * the same JVM), against the Jackson floor on the same file (Jackson reads each posting as a tree and writes a result line for it: the least a re-sync does).
 * On the embedded H2 ledger and on PostgreSQL (embedded, on loopback).
 */
final class ResyncBench {

    static final int POSTINGS = 20_000;
    /** Steady re-syncs measured after the first; the table gives their median and best. */
    static final int STEADY_RUNS = 5;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResyncBench() {
    }

    static String run(Path work) throws Exception {
        Path export = work.resolve("resync-export.json");
        Path one = work.resolve("resync-one.json");
        Files.createDirectories(work);
        GreenhouseExport.write(export, POSTINGS, 7);
        GreenhouseExport.write(one, 1, 7);
        double floor = 0;
        for (int i = 0; i < 5; i++) {
            floor = Math.max(floor, floor(export, work.resolve("floor.jsonl")));
        }
        StringBuilder table = new StringBuilder("## Unchanged re-sync (" + POSTINGS + "-posting Greenhouse export, all "
                + "postings already in the ledger; once mode, beyond start-up)\n\nFirst: the first re-sync after "
                + "the creates (each posting mapped, its record's fingerprint noted). Steady: the " + STEADY_RUNS
                + " re-syncs after it (each posting recognised by its fingerprint, not mapped), median and best."
                + "\n\n| ledger | first, postings/s | steady, median | steady, best | median vs Jackson floor ("
                + String.format("%,.0f", floor) + " postings/s) |\n|---|---:|---:|---:|---:|\n");
        // -Dbench.resync.ledgers=h2 or =pg measures one of the two (for a profile of it)
        List<String> ledgers = List.of(System.getProperty("bench.resync.ledgers", "h2,pg").split(","));
        if (ledgers.contains("h2")) {
            double[] h2 = resync(work.resolve("resync-h2"), export, one, List.of());
            table.append(String.format("| H2 (embedded file) | %,.0f | %,.0f | %,.0f | %.3f |%n", h2[0], h2[1],
                    h2[2], h2[1] / floor));
        }
        if (ledgers.contains("pg")) {
            String url = TestPostgres.newDatabase();
            double[] pg = resync(work.resolve("resync-pg"), export, one,
                    List.of("--connector.ledger.url=" + url, "--connector.ledger.username=postgres"));
            table.append(String.format("| PostgreSQL 14 (loopback) | %,.0f | %,.0f | %,.0f | %.3f |%n", pg[0],
                    pg[1], pg[2], pg[1] / floor));
        }
        return table.append('\n').toString();
    }

    /** Postings/s: Jackson streams the export, reads each posting as a tree, writes a result line for it. */
    static double floor(Path export, Path out) throws IOException {
        long start = System.nanoTime();
        int count = 0;
        try (JsonParser parser = MAPPER.createParser(export.toFile());
             OutputStream stream = Files.newOutputStream(out);
             JsonGenerator lines = MAPPER.createGenerator(stream)) {
            lines.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode posting = MAPPER.readTree(parser);
                        lines.writeStartObject();
                        lines.writeStringField("code", posting.path("id").asText());
                        lines.writeStringField("name", posting.path("title").asText());
                        lines.writeStringField("status", "skipped");
                        lines.writeEndObject();
                        count++;
                    }
                }
            }
        }
        return count * 1e9 / (System.nanoTime() - start);
    }

    /**
     * Postings/s of the first re-sync after the creates (each posting mapped, found unchanged, its record's
     * fingerprint noted in the ledger), and the median and the best of {@value #STEADY_RUNS} re-syncs after it
     * (each posting recognised by its fingerprint, not mapped): the steady state of a board polled again and again.
     */
    private static double[] resync(Path run, Path export, Path one, List<String> ledger) throws Exception {
        Bench.deleteTree(run);
        try (SlowJobMojito jobMojito = new SlowJobMojito(0)) {
            // the first run creates every posting; later runs find them all unchanged
            once(run, export, jobMojito, ledger, 32);
            once(run, one, jobMojito, ledger, 32);
            double first = measured(run, export, jobMojito, ledger);
            // a steady re-sync of 20,000 takes about 0.2 s: five of them, the median and the best
            double[] steady = new double[STEADY_RUNS];
            for (int i = 0; i < steady.length; i++) {
                steady[i] = measured(run, export, jobMojito, ledger);
            }
            java.util.Arrays.sort(steady);
            if (jobMojito.creates() != POSTINGS) {
                throw new IllegalStateException("re-sync created again: " + jobMojito.creates());
            }
            return new double[] {first, steady[steady.length / 2], steady[steady.length - 1]};
        }
    }

    /** One re-sync of the export, in postings/s from its first result line to its last (no start-up, no stop). */
    private static double measured(Path run, Path export, SlowJobMojito jobMojito, List<String> ledger)
            throws Exception {
        int before = resultLines(run).size();
        once(run, export, jobMojito, ledger, 4);
        List<String> lines = resultLines(run);
        if (lines.size() - before != POSTINGS) {
            throw new IllegalStateException("a re-sync wrote " + (lines.size() - before) + " results");
        }
        // lines are written in about the order they are decided, not exactly: the run's first and last times
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (String line : lines.subList(before, lines.size())) {
            long at = at(line);
            first = Math.min(first, at);
            last = Math.max(last, at);
        }
        return (lines.size() - before - 1) / ((last - first) / 1e9);
    }

    private static List<String> resultLines(Path run) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(run.resolve("results"))) {
            for (Path file : files.sorted().toList()) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        return lines;
    }

    /** A result line's {@code at}, in nanoseconds since the epoch. */
    private static long at(String line) throws IOException {
        java.time.Instant at = java.time.Instant.parse(MAPPER.readTree(line).path("at").asText());
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** One once-mode run of a copy of {@code file}; returns its wall time in nanoseconds. */
    private static long once(Path run, Path file, SlowJobMojito jobMojito, List<String> ledger, int inFlight)
            throws Exception {
        Path target = run.resolve("inbox/greenhouse/jobs.json");
        Files.createDirectories(target.getParent());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(target, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
        List<String> args = new ArrayList<>(List.of("--connector.once=true",
                "--connector.inbox=" + run.resolve("inbox"), "--connector.results=" + run.resolve("results"),
                "--connector.state=" + run.resolve("state"), "--connector.concurrency=" + inFlight,
                "--jobmojito.base-url=" + jobMojito.baseUrl(), "--jobmojito.api-token=bench",
                "--jobmojito.interview-template-id=t-1", "--logging.level.dev.jobmojito.connector=WARN"));
        args.addAll(ledger);
        long start = System.nanoTime();
        int code = ConnectorMain.runConnector(args.toArray(String[]::new));
        long took = System.nanoTime() - start;
        if (code != 0) {
            throw new IllegalStateException("re-sync run failed: exit " + code);
        }
        return took;
    }
}
