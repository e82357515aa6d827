package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.secrets.SecretRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Requests that could not be delivered after every retry, parked as readable JSON files in
 * {@code <CONNECTOR_STATE>/dead-letters/}: the body, where it came from, the last error and the history of
 * attempts. {@code replay} sends them again. The token is never part of what is parked.
 */
public final class DeadLetters {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;

    public DeadLetters(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes a dead letter; when {@code existing} is given (a replay that failed again) that file is rewritten,
     * its earlier attempts kept.
     */
    public Path park(ObjectNode letter, Path existing) {
        try {
            Files.createDirectories(folder);
            Path target = existing != null ? existing : folder.resolve(STAMP.format(clock.instant()) + "-"
                    + safe(letter.path("ledger_source").asText("job")) + "-" + safe(letter.path("code").asText("no-code"))
                    + ".json");
            if (existing != null && Files.exists(existing)) {
                JsonNode before = Json.MAPPER.readTree(existing.toFile());
                ArrayNode attempts = Json.NODES.arrayNode();
                before.path("attempts").forEach(attempts::add);
                letter.path("attempts").forEach(attempts::add);
                letter.set("attempts", attempts);
                letter.set("first_parked_at", before.has("first_parked_at") ? before.get("first_parked_at")
                        : before.get("parked_at"));
            }
            Path temporary = folder.resolve("." + target.getFileName() + ".tmp");
            Files.writeString(temporary, SecretRegistry.maskValues(Json.writePretty(letter)), StandardCharsets.UTF_8);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot park a dead letter in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The parked letters, oldest first. */
    public List<Path> all() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count() {
        return all().size();
    }

    public JsonNode read(Path letter) {
        try {
            return Json.MAPPER.readTree(letter.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dead letter " + letter + ": " + e.getMessage(), e);
        }
    }

    public void remove(Path letter) {
        try {
            Files.deleteIfExists(letter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
