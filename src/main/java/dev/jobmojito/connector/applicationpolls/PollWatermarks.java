package dev.jobmojito.connector.applicationpolls;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The watermarks of the application polls ({@code application_poll_watermark}, Flyway V9): per poll, the
 * {@code updated_at} up to which every application the ATS listed has been recorded. Kept in the ledger's
 * database so replicas share it and a restart goes on from it. A watermark only moves forward.
 */
public final class PollWatermarks {

    private final JdbcTemplate jdbc;

    public PollWatermarks(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** The poll's watermark, or empty before its first complete advance. */
    public Optional<Instant> find(String pollId) {
        return jdbc.query("SELECT watermark FROM application_poll_watermark WHERE poll_id = ?",
                (row, i) -> row.getTimestamp(1), pollId).stream().findFirst().map(Timestamp::toInstant);
    }

    /**
     * Moves the poll's watermark to {@code watermark}, unless it is already there or later (another replica, or
     * an earlier cycle, got further).
     *
     * @return true when the stored watermark moved
     */
    public boolean advance(String pollId, Instant watermark, Instant now) {
        int updated = jdbc.update("UPDATE application_poll_watermark SET watermark = ?, updated_at = ?"
                + " WHERE poll_id = ? AND watermark < ?", at(watermark), at(now), pollId, at(watermark));
        if (updated > 0) {
            return true;
        }
        if (find(pollId).isPresent()) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO application_poll_watermark (poll_id, watermark, updated_at) VALUES (?, ?, ?)",
                    pollId, at(watermark), at(now));
            return true;
        } catch (DuplicateKeyException raced) {
            return advance(pollId, watermark, now);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
