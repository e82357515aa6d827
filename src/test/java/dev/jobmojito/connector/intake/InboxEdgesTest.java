package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The drop folder fed the ways people really feed it: by writers that pause, with empty files, with files too
 * deep to parse, through symbolic links and under odd names. Every posting is sent exactly once, every file
 * that cannot be read is quarantined with its reason, and nothing holds the other files back.
 */
@ExtendWith(OutputCaptureExtension.class)
class InboxEdgesTest {

    private static final Path SLOW_WRITER = Path.of(
            "src/test/resources/field-cases/file-readlock-slow-writer/greenhouse/cleaning-jobs.json");

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        writer.shutdownNow();
        jobMojito.close();
    }

    @Test
    void aJsonExportWhoseWriterResumesWhileItIsReadIsReadAgainAndEveryPostingIsSentOnce() throws IOException {
        String export = Files.readString(SLOW_WRITER);
        // the writer stopped in the middle of the fourth posting, for longer than the settle time
        int cut = export.indexOf("\"Cleaner 4\"");
        Path file = connector.drop("greenhouse", "cleaning-jobs.json", export.substring(0, cut));
        resumeWriterAtFirstCreate(file, export.substring(cut));

        int exit = connector.run("--connector.file-settle-time=1s");

        assertThat(exit).isZero();
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText())
                .containsExactlyInAnyOrder("9100101", "9100102", "9100103", "9100104", "9100105", "9100106");
        assertThat(connector.filesIn(".error/greenhouse")).isEmpty();
        assertThat(connector.filesIn(".done/greenhouse")).singleElement().satisfies(name -> assertThat(
                connector.inbox().resolve(".done/greenhouse/" + name)).hasContent(export));
    }

    @Test
    void aCsvExportWhoseWriterResumesWhileItIsReadIsReadAgainAndNoRowIsLost() throws IOException {
        String header = "job_id,title,description\n";
        String first = rows(1, 5);
        Path file = connector.drop("csv", "jobs.csv", header + first);
        // the first part ends on a row boundary: a CSV reader cannot tell it is incomplete
        resumeWriterAtFirstCreate(file, rows(6, 10));

        int exit = connector.run("--connector.file-settle-time=1s");

        assertThat(exit).isZero();
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText()).hasSize(10)
                .doesNotHaveDuplicates();
        assertThat(connector.filesIn(".done/csv")).hasSize(1);
    }

    @Test
    void aCsvWriterThatPausesShorterThanTheSettleTimeIsReadOnlyWhenComplete() throws IOException {
        // the case: 5 rows, a pause of 2.5 s, 5 more rows; the default settle time is 5 s
        Path file = Files.createDirectories(connector.inbox().resolve("csv")).resolve("jobs.csv");
        Files.writeString(file, "job_id,title,description\n" + rows(1, 5));
        writer.schedule(() -> append(file, rows(6, 10)), 2500, TimeUnit.MILLISECONDS);

        int exit = connector.run();

        assertThat(exit).isZero();
        assertThat(jobMojito.interviews()).hasSize(10);
        assertThat(connector.resultLines()).hasSize(10);
    }

    @Test
    void aWriterThatPausesLongerThanTheSettleTimeFindsItsHalfFileStillInTheInbox() throws IOException {
        String export = Files.readString(SLOW_WRITER);
        int cut = export.indexOf("\"Cleaner 4\"");
        Path file = Files.createDirectories(connector.inbox().resolve("greenhouse")).resolve("cleaning-jobs.json");
        Files.writeString(file, export.substring(0, cut));
        // settled (1 s) but broken at its end and changed 1.5 s ago: the writer may be back (grace: 6 s)
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 1500));
        writer.schedule(() -> append(file, export.substring(cut)), 2, TimeUnit.SECONDS);

        int exit = connector.run("--connector.file-settle-time=1s");

        assertThat(exit).isZero();
        assertThat(jobMojito.interviews()).hasSize(6);
        assertThat(connector.filesIn(".error/greenhouse")).isEmpty();
        assertThat(connector.filesIn(".done/greenhouse")).singleElement().satisfies(name -> assertThat(
                connector.inbox().resolve(".done/greenhouse/" + name)).hasContent(export));
    }

    @Test
    void aSecondDropFolderMadeByCopyingTheInboxRouteReadsItsFiles() throws IOException {
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/inbox.camel.yaml"), routes.resolve("inbox.camel.yaml"));
        Path second = Files.createDirectories(work.resolve("drop-eu"));
        Files.writeString(routes.resolve("inbox-eu.camel.yaml"), Files.readString(Path.of("routes/inbox.camel.yaml"))
                .replace("id: inbox", "id: inbox-eu").replace("file:{{connector.inbox}}", "file:" + second));
        Path sample = Files.createDirectories(second.resolve("greenhouse")).resolve("jobs.json");
        Files.copy(Path.of("samples/greenhouse/jobs.json"), sample);
        Files.setLastModifiedTime(sample, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        int exit = connector.run("--connector.routes=" + routes);

        assertThat(exit).isZero();
        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(second.resolve(".done/greenhouse")).isDirectory();
    }

    @Test
    void anEmptyFileIsQuarantinedAsEmptyAndTheFileBesideItIsSent(CapturedOutput output) throws IOException {
        Path empty = connector.drop("greenhouse", "empty.json", "");
        connector.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));

        int exit = connector.run();

        assertThat(exit).as("a quarantined file is a run that did not do all its work").isEqualTo(1);
        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(empty).doesNotExist();
        String reason = reasonFor("greenhouse", "empty.json");
        assertThat(reason).contains("File: greenhouse/empty.json").contains("the file is empty (0 bytes)");
        assertThat(output).contains("empty.json quarantined");
    }

    @Test
    void xmlNestedAHundredThousandLevelsDeepIsQuarantinedWithTheLimitNamed() throws IOException {
        String deep = "<a>".repeat(100_000) + "x" + "</a>".repeat(100_000);
        connector.drop("indeed", "deep.xml", "<?xml version=\"1.0\"?><source><job><title>Deep</title>"
                + "<description>" + deep + "</description></job></source>");

        int exit = connector.run();

        assertThat(exit).isEqualTo(1);
        assertThat(reasonFor("indeed", "deep.xml")).contains("nested more than 200 levels deep")
                .contains("CONNECTOR_INPUT_MAX_DEPTH");
        assertThat(jobMojito.creates()).isEmpty();
    }

    @Test
    void aValueLongerThanTheLimitQuarantinesTheFileWithTheLimitNamed() throws IOException {
        connector.drop("csv", "huge.csv", "job_id,title,description\nA-1,Cook,short\nA-2,Baker,"
                + "x".repeat(2_000) + "\n");

        int exit = connector.run("--connector.input.max-value-length=1000");

        assertThat(exit).isEqualTo(1);
        assertThat(reasonFor("csv", "huge.csv")).contains("the cell description of the row at line 3 is 2000 "
                + "characters long").contains("CONNECTOR_INPUT_MAX_VALUE_LENGTH");
        assertThat(jobMojito.interviews()).extracting(i -> i.get("code").asText()).containsExactly("A-1");
    }

    @Test
    void aSymbolicLinkInTheInboxIsQuarantinedAndItsTargetNeverRead() throws IOException {
        Path secret = Files.writeString(work.resolve("secret.json"),
                "{\"jobs\": [{\"id\": 1, \"title\": \"s3cr3t-value\", \"content\": \"x\"}]}");
        Files.createDirectories(connector.inbox().resolve("greenhouse"));
        Path link = Files.createSymbolicLink(connector.inbox().resolve("greenhouse/link.json"), secret);
        Files.setLastModifiedTime(secret, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        int exit = connector.run();

        assertThat(exit).isEqualTo(1);
        assertThat(jobMojito.creates()).isEmpty();
        assertThat(reasonFor("greenhouse", "link.json")).contains("symbolic link");
        assertThat(connector.resultLines()).allSatisfy(line -> assertThat(line.toString())
                .doesNotContain("s3cr3t-value"));
        assertThat(link).doesNotExist();
        assertThat(secret).exists();
    }

    @Test
    void aNewlineInAFileNameCannotForgeALogLineNorAReasonLine(CapturedOutput output) throws IOException {
        connector.drop("greenhouse", "bad\nINFO forged line.json", "not json");

        connector.run();

        assertThat(output).contains("bad\\nINFO forged line.json").doesNotContain("\nINFO forged line.json");
        Path errors = connector.inbox().resolve(".error/greenhouse");
        String reasonFile = connector.filesIn(".error/greenhouse").stream().filter(n -> n.endsWith(".reason.txt"))
                .findFirst().orElseThrow();
        assertThat(Files.readString(errors.resolve(reasonFile))).contains("File: greenhouse/bad\\nINFO forged line.json")
                .doesNotContain("\nINFO forged");
    }

    private String reasonFor(String folder, String name) throws IOException {
        Path errors = connector.inbox().resolve(".error").resolve(folder);
        String reason = connector.filesIn(".error/" + folder).stream()
                .filter(n -> n.endsWith("-" + name + ".reason.txt")).findFirst()
                .orElseThrow(() -> new AssertionError("no reason for " + name + " in " + errors));
        return Files.readString(errors.resolve(reason));
    }

    /** The writer comes back (appends the rest) when JobMojito receives the first create of the file. */
    private void resumeWriterAtFirstCreate(Path file, String rest) {
        AtomicBoolean resumed = new AtomicBoolean();
        jobMojito.answer(request -> {
            if (request.path().equals(JobMojitoStandIn.CREATE) && resumed.compareAndSet(false, true)) {
                append(file, rest);
            }
            return null;
        });
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String rows(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "R-" + i + ",Cook " + i + ",Cooks meals.\n")
                .collect(Collectors.joining());
    }

}
