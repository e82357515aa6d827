package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Outcomes that cannot be written down are never reported as done: a results or state folder that cannot be
 * written is refused at start (exit 2, naming it); one that breaks or vanishes mid-run pauses intake, leaves
 * the file in its inbox, and a later run finishes it with no duplicate.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnrecordableOutcomesTest {

    private static final int POSTINGS = 40;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void aResultsFolderThatCannotBeWrittenIsRefusedAtStartNamingIt(CapturedOutput output) throws IOException {
        // a regular file where a folder must be: even root cannot write into it
        Path blocker = Files.writeString(work.resolve("blocker"), "");
        connector.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));

        int exit = connector.run("--connector.results=" + blocker.resolve("results"));

        assertThat(exit).isEqualTo(2);
        assertThat(output).contains("The results folder " + blocker.resolve("results").toAbsolutePath()
                + " cannot be written to").contains("CONNECTOR_RESULTS");
        assertThat(jobMojito.received()).isEmpty();
    }

    @Test
    void aDropFolderThatDoesNotExistIsRefusedAtStart(CapturedOutput output) {
        int exit = connector.run("--connector.inbox=" + work.resolve("inbx"));

        assertThat(exit).isEqualTo(2);
        assertThat(output).contains("The drop folder does not exist: " + work.resolve("inbx").toAbsolutePath());
        assertThat(work.resolve("inbx")).doesNotExist();
    }

    @Test
    void resultsThatStopBeingWritableMidRunPauseIntakeAndARunAfterTheFixFinishesWithoutDuplicates(
            CapturedOutput output) throws IOException {
        connector.drop("greenhouse", "jobs.json", export());
        AtomicInteger creates = new AtomicInteger();
        jobMojito.answer(request -> {
            if (request.path().equals(JobMojitoStandIn.CREATE) && creates.incrementAndGet() == 5) {
                // the results disk goes away: the folder is replaced by a file
                deleteTree(connector.results());
                writeFile(connector.results());
            }
            return null;
        });

        int first = connector.run();

        assertThat(first).isEqualTo(1);
        assertThat(output).contains("Intake paused: the outcome of a job could not be recorded")
                .contains(connector.results().toAbsolutePath().toString());
        assertThat(connector.inbox().resolve("greenhouse/jobs.json")).as("not reported done").exists();
        int sentBeforeThePause = jobMojito.interviews().size();
        assertThat(sentBeforeThePause).isLessThan(POSTINGS);

        Files.delete(connector.results());
        jobMojito.answer(request -> null);
        int second = connector.run();

        assertThat(second).isZero();
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText()).hasSize(POSTINGS)
                .doesNotHaveDuplicates();
        assertThat(connector.resultLines()).extracting(l -> l.get("code").asText()).hasSize(POSTINGS)
                .doesNotHaveDuplicates();
    }

    @Test
    void aStateFolderDeletedMidRunPausesIntakeInsteadOfStartingAFreshLedger(CapturedOutput output)
            throws IOException {
        connector.drop("greenhouse", "jobs.json", export());
        AtomicInteger creates = new AtomicInteger();
        jobMojito.answer(request -> {
            if (request.path().equals(JobMojitoStandIn.CREATE) && creates.incrementAndGet() == 5) {
                deleteTree(work.resolve("state"));
            }
            return null;
        });

        int exit = connector.run();

        assertThat(exit).isEqualTo(1);
        assertThat(output).contains("Intake paused: the outcome of a job could not be recorded")
                .contains("the state folder " + work.resolve("state").toAbsolutePath() + " has gone");
        assertThat(connector.inbox().resolve("greenhouse/jobs.json")).exists();
        assertThat(connector.filesIn(".done/greenhouse")).isEmpty();
        // the jobs in flight when it vanished finish; no new one starts
        assertThat(creates.get()).isLessThanOrEqualTo(5 + 4 * 2);
    }

    private static String export() {
        return IntStream.range(0, POSTINGS).mapToObj(i -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(i, i))
                .collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFile(Path path) {
        try {
            Files.writeString(path, "not a folder");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
