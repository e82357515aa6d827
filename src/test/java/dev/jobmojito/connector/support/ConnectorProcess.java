package dev.jobmojito.connector.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connector in a JVM of its own, as production runs it, on folders under one work directory: for tests that
 * stop it with real signals (SIGTERM, SIGINT, SIGKILL).
 */
public final class ConnectorProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ConnectorProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the connector against {@code jobMojito} with the drop folder {@code <work>/inbox}.
     *
     * @param once  once mode, or the service (which then serves health on a free port)
     * @param extra more {@code --key=value} settings
     */
    public static ConnectorProcess start(Path work, JobMojitoStandIn jobMojito, boolean once, Path log,
                                         String... extra) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dev.jobmojito.connector.ConnectorMain",
                "--connector.inbox=" + Folders.created(work.resolve("inbox")),
                "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state"),
                "--jobmojito.base-url=" + jobMojito.baseUrl(),
                "--jobmojito.api-token=" + Secrets.TOKEN,
                "--jobmojito.interview-template-id=" + TestMappings.TEMPLATE_ID,
                "--server.port=0",
                "--connector.once=" + once));
        command.addAll(List.of(extra));
        try {
            Process process = new ProcessBuilder(command).directory(new File(".")).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ConnectorProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (TERM, INT, KILL) to the process, as an operator or an orchestrator would. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end; returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the connector did not end within " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    public String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
