package dev.jobmojito.connector.results;

import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.common.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Appends one JSON line per job to {@code <results>/results-YYYY-MM-DD.jsonl} (UTC day). Each line is flushed as
 * it is written, so a crash loses no outcome already decided and {@code tail -f} shows progress. A results file
 * that was removed is opened anew; one that cannot be written raises {@link OutcomeNotRecordedException}.
 */
public final class JsonLinesResults implements AutoCloseable {

    private final Path directory;
    private final Clock clock;
    private LocalDate day;
    private BufferedWriter writer;

    public JsonLinesResults(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The file today's results go to. */
    public Path currentFile() {
        return directory.resolve("results-" + LocalDate.now(clock.withZone(ZoneOffset.UTC)) + ".jsonl");
    }

    public void accept(JobResult result) {
        acceptAll(java.util.List.of(result));
    }

    /**
     * Appends the results' lines in one write, flushed before it returns.
     *
     * @throws OutcomeNotRecordedException when the results file cannot be written
     */
    public void acceptAll(java.util.List<JobResult> results) {
        if (results.isEmpty()) {
            return;
        }
        // made before the lock: writing them down is all that waits for it
        StringBuilder lines = new StringBuilder(results.size() * 400);
        for (JobResult result : results) {
            // an error message may quote a URL or an answer that carries a secret
            lines.append(SecretRegistry.mask(Json.write(result.toJson()))).append(System.lineSeparator());
        }
        synchronized (this) {
            try {
                LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
                // a file deleted or moved away under the open writer would swallow every later line unseen
                if (!today.equals(day) || !Files.isRegularFile(currentFile())) {
                    close();
                    Files.createDirectories(directory);
                    writer = Files.newBufferedWriter(currentFile(), StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    day = today;
                }
                writer.append(lines);
                writer.flush();
            } catch (IOException e) {
                throw new OutcomeNotRecordedException("cannot write results to " + directory.toAbsolutePath() + ": "
                        + e, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                writer = null;
                day = null;
            }
        }
    }
}
