package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requests that could not be delivered after every retry, parked as readable JSON in the ledger database's
 * {@code dead_letter} table (kind {@code job}, migration V3), where every replica sees them: the body, where it
 * came from, the last error and the history of attempts. {@code replay} sends them again. The token is never part
 * of what is parked (values of known secrets are masked).
 *
 * <p>The previous version kept them as files in {@code <CONNECTOR_STATE>/dead-letters/}: {@link #importFiles}
 * takes them into the table once, at start.
 */
public final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    /** Where imported files of the previous version are moved, under CONNECTOR_STATE. */
    private static final String IMPORTED = "imported-to-database";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** One parked request: its name (as the result line said "parked as ...") and the letter. */
    public record Letter(String name, JsonNode content) {
    }

    /** @param dataSource the ledger's database, migrated (table {@code dead_letter}) */
    public DeadLetters(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
    }

    /** Where the letters are, for messages. */
    public String where() {
        return "the dead_letter table of the ledger database";
    }

    /**
     * Parks a letter under a new name ({@code <UTC stamp>-<source>-<code>}); when {@code existing} names a
     * letter (a replay that failed again) that letter is rewritten instead, its earlier attempts kept.
     *
     * @return the letter's name
     * @throws OutcomeNotRecordedException when the database does not take it
     */
    public String park(ObjectNode letter, String existing) {
        try {
            return transactions.execute(status -> existing != null ? rewrite(existing, letter) : insert(letter));
        } catch (DataAccessException e) {
            throw new OutcomeNotRecordedException("cannot park a dead letter in " + where() + ": "
                    + SecretRegistry.mask(String.valueOf(e.getMostSpecificCause().getMessage())), e);
        }
    }

    private String insert(ObjectNode letter) {
        String base = STAMP.format(clock.instant()) + "-" + safe(letter.path("ledger_source").asText("job")) + "-"
                + safe(letter.path("code").asText("no-code"));
        String name = base;
        for (int n = 2; exists(name); n++) {
            name = base + "-" + n;
        }
        OffsetDateTime now = utc(clock.instant());
        jdbc.update("INSERT INTO dead_letter (kind, name, letter, parked_at, updated_at) VALUES ('job', ?, ?, ?, ?)",
                name, text(letter), now, now);
        return name;
    }

    private String rewrite(String name, ObjectNode letter) {
        List<String> before = jdbc.queryForList("SELECT letter FROM dead_letter WHERE kind = 'job' AND name = ?"
                + " FOR UPDATE", String.class, name);
        if (before.isEmpty()) {
            OffsetDateTime now = utc(clock.instant());
            jdbc.update("INSERT INTO dead_letter (kind, name, letter, parked_at, updated_at)"
                    + " VALUES ('job', ?, ?, ?, ?)", name, text(letter), now, now);
            return name;
        }
        JsonNode earlier = parse(before.get(0), name);
        ArrayNode attempts = Json.NODES.arrayNode();
        earlier.path("attempts").forEach(attempts::add);
        letter.path("attempts").forEach(attempts::add);
        letter.set("attempts", attempts);
        letter.set("first_parked_at", earlier.has("first_parked_at") ? earlier.get("first_parked_at")
                : earlier.get("parked_at"));
        jdbc.update("UPDATE dead_letter SET letter = ?, updated_at = ? WHERE kind = 'job' AND name = ?",
                text(letter), utc(clock.instant()), name);
        return name;
    }

    private static String text(ObjectNode letter) {
        return SecretRegistry.maskValues(Json.writePretty(letter));
    }

    /** The parked letters, oldest first. */
    public List<Letter> all() {
        return jdbc.query("SELECT name, letter FROM dead_letter WHERE kind = 'job' ORDER BY id",
                (row, index) -> new Letter(row.getString("name"), parse(row.getString("letter"),
                        row.getString("name"))));
    }

    /**
     * Every dead letter, of both kinds ({@code job}: requests for {@code replay}; {@code webhook}: results the
     * receiver refused), oldest first, each as {@code {"kind", "name", "parked_at", "updated_at", "letter"}} with
     * the letter's JSON; for the {@code dead-letters} command.
     */
    public List<ObjectNode> everything() {
        return jdbc.query("SELECT kind, name, letter, parked_at, updated_at FROM dead_letter ORDER BY id",
                (row, index) -> {
                    ObjectNode entry = Json.object();
                    entry.put("kind", row.getString("kind"));
                    entry.put("name", row.getString("name"));
                    entry.put("parked_at", row.getTimestamp("parked_at").toInstant().toString());
                    entry.put("updated_at", row.getTimestamp("updated_at").toInstant().toString());
                    entry.set("letter", parse(row.getString("letter"), row.getString("name")));
                    return entry;
                });
    }

    /** Whether a letter of that name is parked. */
    public boolean exists(String name) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE name = ?", Long.class, name);
        return count != null && count > 0;
    }

    /** Requests parked (kind {@code job}), by every replica. */
    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE kind = 'job'", Long.class);
        return count == null ? 0 : count;
    }

    /** A replayed letter got its final answer: it leaves the table. */
    public void remove(String name) {
        jdbc.update("DELETE FROM dead_letter WHERE kind = 'job' AND name = ?", name);
    }

    /**
     * Takes the previous version's letter files ({@code <state>/dead-letters/*.json}) into the table once, named
     * as the files were (without {@code .json}); each file is moved to {@code <state>/imported-to-database/} after
     * its row is committed. A file already in the table (a start that stopped between the two) is only moved; one
     * that is not JSON stays where it is, with a warning naming it.
     *
     * @return how many files were imported
     * @throws UncheckedIOException when a file cannot be read or moved
     */
    public int importFiles(Path state) {
        Path folder = state.resolve("dead-letters");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e, e);
        }
        int imported = 0;
        for (Path file : files) {
            String name = file.getFileName().toString();
            name = name.substring(0, name.length() - ".json".length());
            try {
                String letter = Files.readString(file, StandardCharsets.UTF_8);
                JsonNode parsed = Json.MAPPER.readTree(letter);
                Instant parkedAt = parsedInstant(parsed.path("parked_at").asText(null));
                OffsetDateTime at = utc(parkedAt == null ? clock.instant() : parkedAt);
                jdbc.update("INSERT INTO dead_letter (kind, name, letter, parked_at, updated_at)"
                        + " VALUES ('job', ?, ?, ?, ?)", name, letter, at, utc(clock.instant()));
            } catch (DuplicateKeyException alreadyImported) {
                // committed by a start that stopped before moving the file
            } catch (JsonProcessingException e) {
                LOG.warn("The dead letter {} is not JSON ({}); left where it is", file, e.getOriginalMessage());
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot import the dead letter " + file + ": " + e, e);
            }
            try {
                Path target = Files.createDirectories(state.resolve(IMPORTED).resolve("dead-letters"));
                Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the imported dead letter " + file + ": " + e, e);
            }
            imported++;
        }
        if (imported > 0) {
            LOG.info("Imported {} dead letters of an earlier version from {} into the ledger database; the files are"
                    + " kept in {}", imported, folder, state.resolve(IMPORTED));
        }
        return imported;
    }

    private static Instant parsedInstant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode parse(String letter, String name) {
        try {
            return Json.MAPPER.readTree(letter);
        } catch (IOException e) {
            throw new UncheckedIOException("the dead letter " + name + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
