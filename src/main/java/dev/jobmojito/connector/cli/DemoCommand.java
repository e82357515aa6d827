package dev.jobmojito.connector.cli;

import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.system.CommandLineSettings;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code demo}: copies the bundled samples ({@code samples/<mapping>/*}) into the inbox and runs once, so a
 * fresh clone shows the whole path (export, mapping, validation, JobMojito, results) with nothing to set up.
 * Without {@code JOBMOJITO_BASE_URL} it runs on the embedded sandbox. Sample applications
 * ({@code samples/candidates/}) are then invited in a second run (issue 15), in which the sandbox completes each
 * invited candidate's interview and calls the connector's webhook, whose results are written back into the local
 * stand-in ATS (issue 14, {@link #closeTheLoop}).
 */
public final class DemoCommand {

    private final PrintStream out;

    public DemoCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String... args) {
        ConnectorProperties settings;
        try {
            settings = CommandLineSettings.of(args).connector();
        } catch (RuntimeException e) {
            System.err.println("Invalid configuration: " + e.getMessage());
            return ConnectorMain.CONFIGURATION_ERROR;
        }
        Path samples = Path.of(Options.parse(args).getOrDefault("samples", "samples"));
        if (!Files.isDirectory(samples)) {
            System.err.println("The samples folder does not exist: " + samples.toAbsolutePath() + " (run demo from the "
                    + "project folder, or pass --samples=<folder>)");
            return ConnectorMain.CONFIGURATION_ERROR;
        }
        List<String> copied = new ArrayList<>();
        try (Stream<Path> folders = Files.list(samples)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String mapping = folder.getFileName().toString();
                if (!Files.exists(settings.mappings().resolve(mapping + ".yaml"))) {
                    continue;
                }
                Path target = settings.inbox().resolve(mapping);
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        // with its own time: a sample copied long after it was written need not wait out the settle time
                        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.COPY_ATTRIBUTES);
                        copied.add(mapping + "/" + file.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("cannot copy the samples from " + samples.toAbsolutePath() + " into "
                    + settings.inbox().toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        out.println("Demo: copied " + copied.size() + " sample files into " + settings.inbox() + ": "
                + String.join(", ", copied));
        List<String> runArgs = new ArrayList<>(List.of(args));
        runArgs.removeIf(a -> a.startsWith("--samples="));
        runArgs.add("--connector.once=true");
        int code = ConnectorMain.runConnector(runArgs.toArray(String[]::new));
        return code != 0 ? code : inviteSampleCandidates(samples.resolve("candidates"), settings, runArgs);
    }

    /**
     * Issue 15: once the sample postings have their interviews, a second run invites the sample applications
     * ({@code samples/candidates/<ats>/*}, each with its candidate mapping) through the candidates drop folder
     * ({@code connector.invitations.inbox}, by default {@code candidates} beside the inbox). No such samples: 0.
     */
    private int inviteSampleCandidates(Path samples, ConnectorProperties settings, List<String> runArgs) {
        if (!Files.isDirectory(samples)) {
            return 0;
        }
        String given = runArgs.stream().filter(a -> a.startsWith("--connector.invitations.inbox=")).findFirst()
                .map(a -> a.substring(a.indexOf('=') + 1)).orElse(null);
        Path inbox = given != null ? Path.of(given) : settings.inbox().toAbsolutePath().resolveSibling("candidates");
        String mappings = runArgs.stream().filter(a -> a.startsWith("--connector.invitations.mappings="))
                .findFirst().map(a -> a.substring(a.indexOf('=') + 1))
                .orElse(settings.mappings().resolve("candidates").toString());
        List<String> copied = new ArrayList<>();
        try (Stream<Path> folders = Files.list(samples)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                String mapping = folder.getFileName().toString();
                if (!Files.exists(Path.of(mappings).resolve(mapping + ".yaml"))) {
                    continue;
                }
                Path target = Files.createDirectories(inbox.resolve(mapping));
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                                StandardCopyOption.COPY_ATTRIBUTES);
                        copied.add(mapping + "/" + file.getFileName());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("cannot copy the sample applications from " + samples.toAbsolutePath() + " into "
                    + inbox.toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
        if (copied.isEmpty()) {
            return 0;
        }
        out.println("Demo: copied " + copied.size() + " sample application files into " + inbox + ": "
                + String.join(", ", copied) + "; inviting their candidates");
        List<String> inviteArgs = new ArrayList<>(runArgs);
        inviteArgs.removeIf(a -> a.startsWith("--connector.invitations.enabled=")
                || a.startsWith("--connector.invitations.inbox="));
        inviteArgs.add("--connector.invitations.enabled=true");
        inviteArgs.add("--connector.invitations.inbox=" + inbox);
        inviteArgs.addAll(closeTheLoop(runArgs));
        return ConnectorMain.runConnector(inviteArgs.toArray(String[]::new));
    }

    /**
     * Issue 14, the loop on the embedded sandbox: the settings that make the invitation run receive the interview
     * results the sandbox completes for the candidates it registers. The run serves the receiving endpoint on
     * loopback ({@code 127.0.0.1}, port {@code connector.demo.http-port}, a free one by default) with a secret made
     * for this run (registered for masking when the run reads it, never printed; a secret of one's own, set in the
     * environment or a file, is used instead), and waits (CONNECTOR_INTERVIEW_RESULTS_ONCE_WAIT) until each result
     * is written back into the ATS stand-in (CONNECTOR_WRITEBACK_FOLDER by default). Nothing when the demo runs
     * against the real JobMojito ({@code JOBMOJITO_BASE_URL} set): its webhooks cannot reach a loopback server.
     */
    static List<String> closeTheLoop(List<String> runArgs) {
        CommandLineSettings settings = CommandLineSettings.of(runArgs.toArray(String[]::new));
        if (!settings.jobMojito().sandbox()) {
            return List.of();
        }
        List<String> loop = new ArrayList<>();
        if (blank(settings.property("connector.interview-results.webhook-secret"))
                && blank(settings.property("connector.interview-results.webhook-secret-file"))) {
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            loop.add("--connector.interview-results.webhook-secret=" + java.util.HexFormat.of().formatHex(random));
        }
        loop.add("--connector.interview-results.once-receive=true");
        loop.add("--server.address=127.0.0.1");
        loop.add("--server.port=${connector.demo.http-port:0}");
        return loop;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
