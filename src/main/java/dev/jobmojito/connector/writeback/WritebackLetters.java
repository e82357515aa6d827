package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes to the ATS that did not succeed for good, parked in the ledger database's {@code dead_letter} table with
 * kind {@code writeback} (migration V3), where {@code dead-letters} prints them and {@code replay} sends them
 * again. A letter holds the result's ids, the target, why it was parked, every failed attempt and the payload
 * without the candidate's name, email and phone (the note templates do not need them); secrets are masked.
 */
public final class WritebackLetters {

    /** The kind of these letters in {@code dead_letter}. */
    public static final String KIND = "writeback";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** One parked write: its name and the letter. */
    public record Letter(String name, JsonNode content) {
    }

    public WritebackLetters(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * Parks a letter under a new name ({@code <UTC stamp>-writeback-<target>-<result id>}), or rewrites the letter
     * named {@code existing} (a replay that failed again).
     *
     * @return the letter's name
     */
    public String park(ObjectNode letter, String existing) {
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        letter.put("parked_at", now.toInstant().toString());
        String text = SecretRegistry.maskValues(Json.writePretty(letter));
        if (existing != null && exists(existing)) {
            jdbc.update("UPDATE dead_letter SET letter = ?, updated_at = ? WHERE kind = ? AND name = ?", text, now,
                    KIND, existing);
            return existing;
        }
        String base = STAMP.format(now) + "-writeback-" + safe(letter.path("target").asText("ats")) + "-"
                + safe(letter.path("result").path("result_id").asText("result"));
        String name = base;
        for (int n = 2; exists(name); n++) {
            name = base + "-" + n;
        }
        jdbc.update("INSERT INTO dead_letter (kind, name, letter, parked_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                KIND, name, text, now, now);
        return name;
    }

    /** The parked writes, oldest first. */
    public List<Letter> all() {
        return jdbc.query("SELECT name, letter FROM dead_letter WHERE kind = ? ORDER BY id",
                (row, i) -> new Letter(row.getString(1), parse(row.getString(2))), KIND);
    }

    public boolean exists(String name) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE name = ?", Long.class, name);
        return count != null && count > 0;
    }

    /** A replayed letter was written (or answered for good): it leaves the table. */
    public void remove(String name) {
        jdbc.update("DELETE FROM dead_letter WHERE kind = ? AND name = ?", KIND, name);
    }

    private static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safe(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
