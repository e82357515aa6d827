package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo} twice with a sample changed in between: the embedded sandbox keeps its interviews under the
 * state folder like JobMojito keeps them, so the changed posting is updated in place and nothing fails.
 */
class DemoCommandTest {

    @TempDir
    Path work;

    @Test
    void aPostingChangedBetweenTwoDemosIsUpdatedInTheSandboxInterviewTheFirstDemoCreated() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/greenhouse"));
        String export = Files.readString(Path.of("samples/greenhouse/jobs.json"));
        Files.writeString(samples.resolve("jobs.json"), export);

        assertThat(demo()).isZero();
        Files.writeString(samples.resolve("jobs.json"),
                export.replace("Senior Robotics Software Engineer", "Staff Robotics Software Engineer"));
        assertThat(demo()).isZero();

        List<JsonNode> lines = results();
        assertThat(lines).extracting(l -> l.get("status").asText()).doesNotContain("failed", "rejected")
                .contains("updated");
        assertThat(lines).filteredOn(l -> l.get("status").asText().equals("updated")).singleElement()
                .satisfies(l -> assertThat(l.get("note").asText()).contains("updated name"));
        assertThat(work.resolve("state/sandbox/interviews.jsonl")).exists();
    }

    @Test
    void postingsTheSandboxGotAreStillSentToTheRealJobMojitoOnTheSameState() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/greenhouse"));
        Files.copy(Path.of("samples/greenhouse/jobs.json"), samples.resolve("jobs.json"));
        assertThat(demo()).isZero();

        try (JobMojitoStandIn jobMojito = new JobMojitoStandIn()) {
            OnceRunner real = new OnceRunner(work).against(jobMojito);
            real.dropSample("greenhouse", Path.of("samples/greenhouse/jobs.json"));
            assertThat(real.run()).isZero();
            assertThat(jobMojito.creates()).as("the sandbox's interviews are not JobMojito's").hasSize(4);
        }
    }

    @Test
    void theSampleApplicationsAreInvitedToTheSamplePostingsInterviewsInTheSandbox() throws IOException {
        Path samples = Files.createDirectories(work.resolve("samples/lever"));
        Files.copy(Path.of("samples/lever/postings.json"), samples.resolve("postings.json"));
        Path applications = Files.createDirectories(work.resolve("samples/candidates/lever"));
        Files.copy(Path.of("samples/candidates/lever/opportunities.json"), applications.resolve("opportunities.json"));

        assertThat(demo()).isZero();

        assertThat(results()).filteredOn(l -> l.path("detail").path("kind").asText().equals("invitation"))
                .extracting(l -> l.get("status").asText()).containsExactlyInAnyOrder("invited", "invited", "skipped");
        assertThat(work.resolve("candidates/.done/lever")).isDirectory();
    }

    /**
     * Issue 14, the loop on the sandbox: the demo's invitation run receives the results the sandbox completes for
     * the candidates it invited and writes each back into the folder stand-in ATS; a second demo writes nothing
     * again. Nothing of the candidates (names, emails, links) nor the run's webhook secret reaches the output.
     */
    @Test
    void theDemoWritesEachInvitedCandidatesInterviewResultIntoTheStandInAtsOnceAndSaysSo() throws IOException {
        for (String mapping : List.of("lever", "csv")) {
            Path folder = Files.createDirectories(work.resolve("samples").resolve(mapping));
            try (var files = Files.list(Path.of("samples", mapping))) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(file.getFileName()));
                }
            }
            Path applications = Files.createDirectories(work.resolve("samples/candidates").resolve(mapping));
            try (var files = Files.list(Path.of("samples/candidates", mapping))) {
                for (Path file : files.toList()) {
                    Files.copy(file, applications.resolve(file.getFileName()));
                }
            }
        }
        Path notes = work.resolve("ats-notes");

        String[] output = new String[1];
        int code = capturing(output, () -> demo("--connector.writeback.folder=" + notes,
                "--connector.interview-results.sandbox-delay=500ms"));

        assertThat(code).as(output[0]).isZero();
        List<JsonNode> invited = results().stream()
                .filter(l -> l.path("detail").path("kind").asText().equals("invitation")
                        && l.get("status").asText().equals("invited")).toList();
        assertThat(invited).hasSize(4);
        List<String> applications = invited.stream().map(l -> l.path("detail").path("external_id").asText()).toList();
        List<JsonNode> written = results().stream().filter(l -> l.get("status").asText().equals("written")).toList();
        assertThat(written).as("one written line per invited application")
                .extracting(l -> l.path("detail").path("application").asText())
                .containsExactlyInAnyOrderElementsOf(applications);
        List<Path> files = notesIn(notes);
        assertThat(files).hasSize(4);
        for (JsonNode line : written) {
            String application = line.path("detail").path("application").asText();
            Path note = notes.resolve(application.replaceFirst(":", "/")).resolve(
                    line.path("detail").path("ats_reference").asText());
            assertThat(note).exists();
            assertThat(Files.readString(note)).containsPattern("Score: \\d+")
                    .contains("[jobmojito-result:" + line.get("code").asText() + ":");
        }
        // (whether "Interview results: waiting up to 30 s for ..." is printed depends on how many were written
        // while the intake was still draining)
        assertThat(output[0])
                .contains("Run summary: 7 read / 0 created / 0 updated / 0 rejected / 0 failed / 2 skipped / 4 invited"
                        + " / 1 waiting / 4 written; files: 2 done, 0 quarantined")
                .containsPattern("jobs - written code=\\S+ source=folder application=lever:");
        // the candidates' personal data and the run's secret (64 hex characters) stay out of the output
        assertThat(output[0]).doesNotContain("@example", "Lena", "Vogt", "Priya", "Natarajan", "Maren", "Solberg",
                "Kofi", "Mensah", "/interview/", "webhook-secret").doesNotContainPattern("[0-9a-f]{64}");

        // a second demo: everything is known, nobody is invited again, no second note
        String[] again = new String[1];
        assertThat(capturing(again, () -> demo("--connector.writeback.folder=" + notes))).as(again[0]).isZero();
        assertThat(notesIn(notes)).hasSize(4);
        assertThat(results()).filteredOn(l -> l.get("status").asText().equals("written")).hasSize(4);
        assertThat(again[0]).doesNotContain("Interview results: waiting");
    }

    private static List<Path> notesIn(Path notes) throws IOException {
        if (!Files.isDirectory(notes)) {
            return List.of();
        }
        try (var files = Files.walk(notes)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Runs {@code run} with System.out (the demo's lines and the console log) captured into {@code into[0]}. */
    private static int capturing(String[] into, java.util.function.IntSupplier run) {
        java.io.PrintStream original = System.out;
        var buffer = new java.io.ByteArrayOutputStream();
        java.io.OutputStream tee = new java.io.OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (buffer) {
                    buffer.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (buffer) {
                    buffer.write(bytes, offset, length);
                }
            }
        };
        System.setOut(new java.io.PrintStream(tee, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return run.getAsInt();
        } finally {
            System.setOut(original);
            synchronized (buffer) {
                into[0] = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    private int demo(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--samples=" + work.resolve("samples"),
                "--connector.inbox=" + work.resolve("inbox"), "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state")));
        args.addAll(List.of(more));
        return ConnectorMain.run(args.toArray(String[]::new));
    }

    private int demo() {
        return ConnectorMain.run("demo", "--samples=" + work.resolve("samples"),
                "--connector.inbox=" + work.resolve("inbox"), "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state"));
    }

    private List<JsonNode> results() {
        return OnceRunner.resultLines(work.resolve("results"));
    }
}
