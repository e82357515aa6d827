package dev.jobmojito.connector.bench;

import dev.jobmojito.connector.ConnectorMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The benchmark: {@code mvn -B -Pbench -DskipTests package}. In one run on this machine it measures
 *
 * <ol>
 *   <li>mapping throughput of the engine against the floor and JSLT (JMH, {@link MappingBenchmark});</li>
 *   <li>end-to-end postings/s through the whole pipeline (file, mapping, validation, ledger, HTTP, results)
 *       against a loopback JobMojito answering after 50 ms, at 1, 8 and 32 calls in flight, measured inside
 *       the run so start-up is not counted, after a warm-up of the same pipeline in the same JVM;</li>
 *   <li>re-sync: a once-mode run over an export whose postings are all unchanged, on H2 and on PostgreSQL,
 *       against the Jackson floor on the same file ({@link ResyncBench});</li>
 *   <li>replicas: one, then two connector JVMs on one embedded PostgreSQL ledger and one drop folder, against a
 *       JobMojito answering after 50 ms ({@link ReplicasBench});</li>
 *   <li>start-up: a one-posting once-mode run, preview and validate, from the jar and from the extracted
 *       jar with its class-data sharing archive;</li>
 *   <li>memory: preview and a once-mode run of exports of 40,000 and 400,000 postings (0.6 GB) under
 *       -Xmx256m, and preview of NDJSON, CSV and XML exports of the same sizes, peak resident memory sampled
 *       from /proc (Linux).</li>
 * </ol>
 * Pass {@code -Dbench.large=false} to skip the 0.4 GB parts (several minutes), or
 * {@code -Dbench.parts=mapping,e2e,resync,replicas,webhooks,startup,large,formats} to pick parts
 * ({@code webhooks}: a burst of interview result webhooks, {@link ResultWebhooksBench}).
 */
public final class Bench {

    private static final Path WORK = Path.of("target/bench");
    private static final long LATENCY_MS = 50;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Files.createDirectories(WORK);
        StringBuilder report = new StringBuilder("# Benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")\n\n");
        List<String> parts = List.of(System.getProperty("bench.parts", "mapping,e2e,resync,replicas,webhooks,startup,large,formats").split(","));
        if (parts.contains("mapping")) {
            report.append(mapping());
        }
        if (parts.contains("e2e")) {
            report.append(endToEnd());
        }
        if (parts.contains("resync")) {
            report.append(ResyncBench.run(WORK.resolve("resync")));
        }
        if (parts.contains("replicas")) {
            report.append(ReplicasBench.run(WORK.resolve("replicas")));
        }
        if (parts.contains("webhooks")) {
            report.append(ResultWebhooksBench.run(WORK.resolve("webhooks")));
        }
        if (parts.contains("startup")) {
            report.append(startUp());
        }
        boolean large = Boolean.parseBoolean(System.getProperty("bench.large", "true"));
        if (parts.contains("large") && large) {
            report.append(largeExport());
        }
        if (parts.contains("formats") && large) {
            report.append(otherFormats());
        }
        Files.writeString(WORK.resolve("report.md"), report);
        System.out.println();
        System.out.println(report);
        System.out.println("(written to " + WORK.resolve("report.md") + ")");
    }

    private static String mapping() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(MappingBenchmark.class.getName()).build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            scores.put(name, new double[] {result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()});
        }
        double floor = scores.get("floor")[0];
        double jslt = scores.get("jslt")[0];
        StringBuilder table = new StringBuilder("## Mapping throughput (" + MappingBenchmark.POSTINGS
                + "-posting Greenhouse export, JMH)\n\n| | postings/s | ± | vs floor | vs JSLT |\n|---|---:|---:|---:|---:|\n");
        for (String name : List.of("floor", "jslt", "oursFourFields", "floorFullRequest", "oursGreenhouse")) {
            double[] score = scores.get(name);
            table.append(String.format("| %s | %,.0f | %,.0f | %.2f | %.2f |%n", label(name), score[0], score[1],
                    score[0] / floor, score[0] / jslt));
        }
        return table.append('\n').toString();
    }

    private static String label(String benchmark) {
        return switch (benchmark) {
            case "floor" -> "floor: Jackson tree, 4 fields";
            case "jslt" -> "JSLT, same 4 fields";
            case "oursFourFields" -> "our engine, same 4 fields";
            case "floorFullRequest" -> "Jackson tree in, the full Greenhouse request out, no mapping";
            default -> "our engine, full Greenhouse mapping";
        };
    }

    private static String endToEnd() throws Exception {
        StringBuilder table = new StringBuilder("## End to end (JobMojito answering after " + LATENCY_MS
                + " ms; after a warm-up run in the same JVM)\n\n| in flight | postings | postings/s | ideal (in flight / latency) | share of ideal |\n"
                + "|---:|---:|---:|---:|---:|\n");
        warmUp();
        for (int inFlight : new int[] {1, 8, 32}) {
            int postings = Math.max(200, inFlight * 160);
            Path run = WORK.resolve("e2e-" + inFlight);
            deleteTree(run);
            Files.createDirectories(run.resolve("inbox/greenhouse"));
            GreenhouseExport.write(run.resolve("inbox/greenhouse/jobs.json"), postings, inFlight);
            Files.setLastModifiedTime(run.resolve("inbox/greenhouse/jobs.json"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10_000));
            try (SlowJobMojito jobMojito = new SlowJobMojito(LATENCY_MS)) {
                int code = ConnectorMain.runConnector(settings(run, jobMojito.baseUrl(), inFlight));
                if (code != 0 || jobMojito.creates() != postings) {
                    throw new IllegalStateException("end-to-end run at " + inFlight + " in flight: exit " + code
                            + ", " + jobMojito.creates() + " of " + postings + " created");
                }
                double ideal = inFlight * 1000.0 / LATENCY_MS;
                table.append(String.format("| %d | %d | %,.0f | %,.0f | %.0f %% |%n", inFlight, postings,
                        jobMojito.rate(), ideal, 100 * jobMojito.rate() / ideal));
            }
        }
        return table.append('\n').toString();
    }

    /**
     * Runs the pipeline a few times against a stand-in that answers at once, so the JIT has compiled the hot
     * paths before anything is measured, as in a service that has been running a while (JMH warms up the
     * same way). Cold, the first thousands of postings pay for compilation: about 570 postings/s instead of
     * about 1,500 at 32 in flight on 2 cores.
     */
    private static void warmUp() throws Exception {
        for (int round = 0; round < 4; round++) {
            Path run = WORK.resolve("e2e-warm-up");
            deleteTree(run);
            Files.createDirectories(run.resolve("inbox/greenhouse"));
            GreenhouseExport.write(run.resolve("inbox/greenhouse/jobs.json"), 5000, round);
            Files.setLastModifiedTime(run.resolve("inbox/greenhouse/jobs.json"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10_000));
            try (SlowJobMojito jobMojito = new SlowJobMojito(0)) {
                ConnectorMain.runConnector(settings(run, jobMojito.baseUrl(), 32));
            }
        }
    }

    private static String[] settings(Path run, String baseUrl, int inFlight) {
        return new String[] {"--connector.once=true", "--connector.inbox=" + run.resolve("inbox"),
            "--connector.results=" + run.resolve("results"), "--connector.state=" + run.resolve("state"),
            "--connector.concurrency=" + inFlight, "--jobmojito.base-url=" + baseUrl,
            "--jobmojito.api-token=bench", "--jobmojito.interview-template-id=t-1",
            "--logging.level.dev.jobmojito.connector=WARN"};
    }

    private static String startUp() throws Exception {
        Path run = WORK.resolve("startup");
        deleteTree(run);
        Files.createDirectories(run.resolve("inbox/greenhouse"));
        Path one = run.resolve("one.json");
        GreenhouseExport.write(one, 1, 1);
        String fat = "target/jobmojito-connector.jar";
        String extracted = "target/app/jobmojito-connector.jar";
        String archive = "-XX:SharedArchiveFile=target/app/connector.jsa";
        StringBuilder table = new StringBuilder("## Start-up (wall time of the whole command, best of 3)\n\n"
                + "| command | fat jar | extracted jar + CDS archive | the same, C1 only |\n|---|---:|---:|---:|\n");
        try (SlowJobMojito jobMojito = new SlowJobMojito(0)) {
            table.append(row("once-mode run of one posting", run, one, jobMojito, fat, extracted, archive, "once"));
            table.append(row("preview of one posting", run, one, jobMojito, fat, extracted, archive, "preview"));
            table.append(row("validate", run, one, jobMojito, fat, extracted, archive, "validate"));
        }
        return table.append('\n').toString();
    }

    private static String row(String label, Path run, Path one, SlowJobMojito jobMojito, String fat, String extracted,
                              String archive, String kind) throws Exception {
        double fatSeconds = Double.MAX_VALUE;
        double fastSeconds = Double.MAX_VALUE;
        double quickSeconds = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            fatSeconds = Math.min(fatSeconds, timed(command(kind, run, one, jobMojito, List.of("-jar", fat))));
            fastSeconds = Math.min(fastSeconds, timed(command(kind, run, one, jobMojito,
                    List.of(archive, "-jar", extracted))));
            // only the quick compiler: less compiling on 2 cores for a run that ends soon
            quickSeconds = Math.min(quickSeconds, timed(command(kind, run, one, jobMojito,
                    List.of("-XX:TieredStopAtLevel=1", archive, "-jar", extracted))));
        }
        return String.format("| %s | %.2f s | %.2f s | %.2f s |%n", label, fatSeconds, fastSeconds, quickSeconds);
    }

    private static List<String> command(String kind, Path run, Path one, SlowJobMojito jobMojito, List<String> jar)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jar);
        switch (kind) {
            case "once" -> {
                Files.copy(one, run.resolve("inbox/greenhouse/one.json"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                Files.setLastModifiedTime(run.resolve("inbox/greenhouse/one.json"),
                        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10_000));
                command.addAll(List.of(settings(run, jobMojito.baseUrl(), 1)));
            }
            case "preview" -> command.addAll(List.of("preview", "--mapping=greenhouse", "--input=" + one));
            default -> command.add("validate");
        }
        return command;
    }

    private static double timed(List<String> command) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", command));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /**
     * The same export at 40,000 and 400,000 postings: memory that does not grow with the file shows as the
     * same peak for both.
     */
    private static String largeExport() throws Exception {
        StringBuilder table = new StringBuilder("## Large exports under -Xmx256m (extracted jar with its CDS archive)"
                + "\n\n| command | postings | file | time | postings/s | peak resident memory |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (int postings : new int[] {40_000, 400_000}) {
            Path run = WORK.resolve("large-" + postings);
            deleteTree(run);
            Files.createDirectories(run.resolve("inbox/greenhouse"));
            Path export = run.resolve("jobs.json");
            GreenhouseExport.write(export, postings, 42);
            String size = String.format("%.2f GB", Files.size(export) / 1e9);
            List<String> preview = new ArrayList<>(List.of(java(), "-Xmx256m",
                    "-XX:SharedArchiveFile=target/app/connector.jsa", "-jar", "target/app/jobmojito-connector.jar",
                    "preview", "--mapping=greenhouse", "--input=" + export));
            table.append(measured("preview, its JSON array streamed to /dev/null", preview, postings, size,
                    ProcessBuilder.Redirect.DISCARD, run.resolve("preview.log")));
            Files.move(export, run.resolve("inbox/greenhouse/jobs.json"));
            Files.setLastModifiedTime(run.resolve("inbox/greenhouse/jobs.json"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10_000));
            try (SlowJobMojito jobMojito = new SlowJobMojito(0)) {
                List<String> once = new ArrayList<>(List.of(java(), "-Xmx256m",
                        "-XX:SharedArchiveFile=target/app/connector.jsa", "-jar", "target/app/jobmojito-connector.jar"));
                once.addAll(List.of(settings(run, jobMojito.baseUrl(), 32)));
                Path log = run.resolve("run.log");
                table.append(measured("once-mode run, 32 in flight, JobMojito answering at once", once, postings,
                        size, ProcessBuilder.Redirect.to(log.toFile()), log));
                if (jobMojito.creates() != postings) {
                    throw new IllegalStateException("the once-mode run of " + postings + " postings created "
                            + jobMojito.creates() + ", see " + log);
                }
            }
            deleteTree(run.resolve("inbox"));
        }
        return table.append('\n').toString();
    }

    /** The other input formats stream too: preview of NDJSON, CSV and XML exports of the same two sizes. */
    private static String otherFormats() throws Exception {
        Path run = WORK.resolve("large-formats");
        deleteTree(run);
        Files.createDirectories(run);
        // Greenhouse postings one per line: the bundled mapping with each line as a record
        Path lines = run.resolve("greenhouse-lines.yaml");
        Files.writeString(lines, Files.readString(Path.of("mappings/greenhouse.yaml"))
                .replace("records: $.jobs[*]", "records: $[*]"));
        StringBuilder rows = new StringBuilder("## Other input formats under -Xmx256m (extracted jar with its CDS "
                + "archive)\n\n| command | postings | file | time | postings/s | peak resident memory |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (int postings : new int[] {40_000, 400_000}) {
            rows.append(previewRow(run.resolve("jobs.ndjson"), lines.toString(), "NDJSON (Greenhouse postings)",
                    postings, LargeExports::writeNdjson));
            rows.append(previewRow(run.resolve("jobs.csv"), "csv", "CSV (mappings/csv.yaml)", postings,
                    LargeExports::writeCsv));
            rows.append(previewRow(run.resolve("feed.xml"), "indeed", "XML (Indeed feed)", postings,
                    LargeExports::writeIndeedXml));
        }
        return rows.append('\n').toString();
    }

    private interface ExportWriter {
        void write(Path file, int postings, long seed) throws IOException;
    }

    private static String previewRow(Path export, String mapping, String format, int postings, ExportWriter writer)
            throws Exception {
        writer.write(export, postings, 42);
        String size = String.format("%.2f GB", Files.size(export) / 1e9);
        List<String> preview = List.of(java(), "-Xmx256m", "-XX:SharedArchiveFile=target/app/connector.jsa", "-jar",
                "target/app/jobmojito-connector.jar", "preview", "--mapping=" + mapping, "--input=" + export);
        String row = measured("preview of " + format, preview, postings, size, ProcessBuilder.Redirect.DISCARD,
                export.resolveSibling("preview.log"));
        Files.delete(export);
        return row;
    }

    /** Runs a command, sampling its resident memory from /proc every 100 ms. */
    private static String measured(String label, List<String> command, int postings, String size,
                                   ProcessBuilder.Redirect output, Path log) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(output).redirectError(log.toFile()).start();
        long peakKb = 0;
        while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, residentKb(process.pid()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(label + " failed (exit " + process.exitValue() + "), see " + log);
        }
        return String.format("| %s | %,d | %s | %.1f s | %,.0f | %,d MB |%n", label, postings, size, seconds,
                postings / seconds, peakKb / 1024);
    }

    private static long residentKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException processGone) {
            // it ended between two samples
        }
        return 0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
