package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Test stand-in for the write-back side, for a connector in a JVM of its own: a route file in its routes folder
 * ({@code from: direct:ats-writeback}) calls {@link #write}, which appends one line per note to
 * {@code <folder>/notes.jsonl} (the "ATS") and answers {@code written}. While {@code <folder>/hold} exists it
 * first leaves {@code <folder>/started-<result id>} and waits, so a test can kill the JVM mid-write.
 */
public final class StandInAts {

    private StandInAts() {
    }

    /** The route file the connector loads: the write-back route, stood in. */
    public static String routeFile(Path folder) {
        return """
                - route:
                    id: ats-writeback-stand-in
                    from:
                      uri: direct:ats-writeback-stand-in
                      steps:
                        - bean:
                            beanType: dev.jobmojito.connector.interviewresults.StandInAts
                            method: write(${body}, '%s')
                """.formatted(folder.toString().replace("\\", "/"));
    }

    /** Writes a note for the result (ids and score only) and answers written. */
    public static JobResult write(InterviewResult result, String folder) throws IOException, InterruptedException {
        Path ats = Path.of(folder);
        Files.createDirectories(ats);
        if (Files.exists(ats.resolve("hold"))) {
            Files.writeString(ats.resolve("started-" + result.resultId()), result.version());
            for (int i = 0; i < 600 && Files.exists(ats.resolve("hold")); i++) {
                Thread.sleep(100);
            }
        }
        ObjectNode note = Json.object();
        note.put("result_id", result.resultId());
        note.put("version", result.version());
        note.put("application_id", result.applicationId());
        note.put("score", result.payload().path("score").asInt());
        Files.writeString(ats.resolve("notes.jsonl"), Json.write(note) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new JobResult(JobStatus.WRITTEN, result.applicationId(), null, result.interviewId(), List.of(),
                new JobSource(ResultProcessing.ROUTE, "result " + result.resultId(), null, null), null, null, 200, 1,
                Instant.now(), null, note);
    }

    /** The notes written so far. */
    public static List<String> notes(Path folder) throws IOException {
        Path notes = folder.resolve("notes.jsonl");
        return Files.exists(notes) ? Files.readAllLines(notes) : List.of();
    }
}
