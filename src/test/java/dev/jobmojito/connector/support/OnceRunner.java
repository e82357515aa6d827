package dev.jobmojito.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs the connector in once mode in this JVM, on folders under one work directory, as a user would. */
public final class OnceRunner {

    private final Path work;
    private final List<String> settings = new ArrayList<>();

    public OnceRunner(Path work) {
        this.work = work;
        settings.add("--connector.inbox=" + inbox());
        settings.add("--connector.results=" + results());
        settings.add("--connector.state=" + work.resolve("state"));
        settings.add("--connector.retry.initial-delay=20ms");
        settings.add("--connector.retry.max-delay=50ms");
        try {
            Files.createDirectories(inbox());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OnceRunner with(String setting) {
        settings.add(setting);
        return this;
    }

    /**
     * Runs with a routes folder of the run's own: the shipped routes plus the given route file (a source or a
     * result sink a user would write). Call once per extra file.
     */
    public OnceRunner withRoute(String fileName, String yaml) {
        Path routes = work.resolve("routes");
        try {
            if (!Files.isDirectory(routes)) {
                Files.createDirectories(routes);
                try (Stream<Path> shipped = Files.list(Path.of("routes"))) {
                    for (Path route : shipped.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                        Files.copy(route, routes.resolve(route.getFileName()));
                    }
                }
                settings.add("--connector.routes=" + routes);
            }
            Files.writeString(routes.resolve(fileName), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public OnceRunner against(JobMojitoStandIn standIn) {
        settings.add("--jobmojito.base-url=" + standIn.baseUrl());
        settings.add("--jobmojito.api-token=" + Secrets.TOKEN);
        settings.add("--jobmojito.interview-template-id=" + TestMappings.TEMPLATE_ID);
        return this;
    }

    public Path inbox() {
        return work.resolve("inbox");
    }

    public Path results() {
        return work.resolve("results");
    }

    /** Puts a file in {@code <inbox>/<folder>/<name>}. */
    public Path drop(String folder, String name, String content) {
        try {
            Path target = inbox().resolve(folder).resolve(name);
            Files.createDirectories(target.getParent());
            Files.writeString(target, content);
            // older than the read lock's minimum age, as a file dropped a while ago
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() - 60_000));
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dropSample(String folder, Path sample) {
        try {
            return drop(folder, sample.getFileName().toString(), Files.readString(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int run(String... extra) {
        List<String> args = new ArrayList<>(settings);
        // a setting given here replaces the runner's own of the same key
        for (String setting : extra) {
            String key = setting.contains("=") ? setting.substring(0, setting.indexOf('=') + 1) : setting;
            args.removeIf(existing -> existing.startsWith(key));
        }
        args.add("--connector.once=true");
        args.addAll(List.of(extra));
        return ConnectorMain.runConnector(args.toArray(String[]::new));
    }

    /** Every result line written, in order. */
    public List<JsonNode> resultLines() {
        return resultLines(results());
    }

    /** Every result line written in a results folder, in order; none when the folder does not exist. */
    public static List<JsonNode> resultLines(Path results) {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return lines;
        }
        try (Stream<Path> files = Files.list(results)) {
            for (Path file : files.sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(Json.MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Files under {@code <inbox>/<folder>} (e.g. ".done/greenhouse"), by name. */
    public List<String> filesIn(String folder) {
        Path directory = inbox().resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
