package dev.jobmojito.connector.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The persistent record of every posting sent to JobMojito: which interview it became, what was sent last, and
 * whether a create is in flight. It survives restarts and is what makes a second run of the same export send
 * nothing new. Each write is its own committed statement, made before the input it came from is acknowledged.
 */
public final class Ledger {

    private static final String COLUMNS = "posting_key, source, code, name, content_hash, interview_id, status, "
            + "request_json, in_flight_since, created_at, updated_at, last_seen_at";

    private final JdbcTemplate jdbc;
    private final PostingLocks locks;

    public Ledger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.locks = new PostingLocks(isPostgreSql(dataSource) ? dataSource : null);
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("the ledger's database cannot be reached", e);
        }
    }

    /**
     * Runs {@code work} holding the claim of a posting: no other thread, and no other replica sharing this
     * PostgreSQL ledger, syncs the same posting meanwhile (see {@link PostingLocks}). Take it before reading the
     * posting's entry and hold it until the answer is recorded.
     */
    public <T> T claimed(String key, Supplier<T> work) {
        return locks.withLock(key, work);
    }

    /** Whether claims hold across replicas (a PostgreSQL ledger), not only in this JVM. */
    public boolean claimsAcrossReplicas() {
        return locks.claimsInDatabase();
    }

    public static String key(String source, String code) {
        return source + ":" + code;
    }

    public Optional<LedgerEntry> find(String key) {
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE posting_key = ?", ROW, key).stream()
                .findFirst();
    }

    /** Records that a create is about to be sent: from now on a retry or a restart reconciles first. */
    public void markInFlight(String source, String code, String name, String hash, String requestJson, Instant now) {
        String key = key(source, code);
        // a posting replaced on purpose (CONNECTOR_SYNC_ON_CHANGE=create) forgets its old interview here
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, name = ?, content_hash = ?, request_json = ?,"
                        + " interview_id = NULL, in_flight_since = ?, updated_at = ?, last_seen_at = ?"
                        + " WHERE posting_key = ?",
                LedgerStatus.IN_FLIGHT.value(), name, hash, requestJson, at(now), at(now), at(now), key);
        if (updated == 0) {
            insertInFlight(source, code, name, hash, requestJson, now);
        }
    }

    /** {@link #markInFlight} for a posting the ledger does not know yet: one statement instead of two. */
    public void insertInFlight(String source, String code, String name, String hash, String requestJson,
                               Instant now) {
        jdbc.update("INSERT INTO posting_ledger (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                key(source, code), source, code, name, hash, LedgerStatus.IN_FLIGHT.value(), requestJson, at(now),
                at(now), at(now), at(now));
    }

    /**
     * Records the interview a create made, for an entry {@link #markInFlight marked in flight} with the same
     * request: only the answer is written (the request text is not written a second time).
     */
    public void recordCreatedFromInFlight(String key, String interviewId, Instant now) {
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, interview_id = ?, in_flight_since = NULL,"
                        + " updated_at = ?, last_seen_at = ? WHERE posting_key = ? AND status = ?",
                LedgerStatus.CREATED.value(), interviewId, at(now), at(now), key, LedgerStatus.IN_FLIGHT.value());
        if (updated == 0) {
            throw new IllegalStateException("no ledger entry in flight for " + key);
        }
    }

    /** Records the interview a create made (or that reconciliation found). */
    public void recordCreated(String key, String interviewId, String name, String hash, String requestJson,
                              Instant now) {
        record(key, LedgerStatus.CREATED, interviewId, name, hash, requestJson, now);
    }

    /** Records that the interview was brought up to date with this request. */
    public void recordUpdated(String key, String interviewId, String name, String hash, String requestJson,
                              Instant now) {
        record(key, LedgerStatus.UPDATED, interviewId, name, hash, requestJson, now);
    }

    private void record(String key, LedgerStatus status, String interviewId, String name, String hash,
                        String requestJson, Instant now) {
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, interview_id = ?, name = ?, content_hash = ?,"
                        + " request_json = ?, in_flight_since = NULL, updated_at = ?, last_seen_at = ?"
                        + " WHERE posting_key = ?",
                status.value(), interviewId, name, hash, requestJson, at(now), at(now), key);
        if (updated == 0) {
            throw new IllegalStateException("no ledger entry for " + key);
        }
    }

    /** A create that ended without an interview (rejected, or failed and parked): nothing is in flight anymore. */
    public void clearInFlight(String key) {
        jdbc.update("DELETE FROM posting_ledger WHERE posting_key = ? AND status = ? AND interview_id IS NULL",
                key, LedgerStatus.IN_FLIGHT.value());
    }

    /** Notes that the posting was in an input (unchanged postings too), for closing the ones that left. */
    public void recordSeen(String key, Instant now) {
        jdbc.update("UPDATE posting_ledger SET last_seen_at = ? WHERE posting_key = ?", at(now), key);
    }

    public void recordClosed(String key, Instant now) {
        jdbc.update("UPDATE posting_ledger SET status = ?, updated_at = ? WHERE posting_key = ?",
                LedgerStatus.CLOSED.value(), at(now), key);
    }

    /** Postings of a source with an interview that no input has held since {@code since}. */
    public List<LedgerEntry> openNotSeenSince(String source, Instant since) {
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE source = ? AND status IN (?, ?)"
                        + " AND (last_seen_at IS NULL OR last_seen_at < ?) ORDER BY posting_key", ROW, source,
                LedgerStatus.CREATED.value(), LedgerStatus.UPDATED.value(), at(since));
    }

    /** Creates sent without a recorded answer: what a restart must reconcile. */
    public List<LedgerEntry> inFlight() {
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE status = ? ORDER BY posting_key", ROW,
                LedgerStatus.IN_FLIGHT.value());
    }

    public long size() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM posting_ledger", Long.class);
        return count == null ? 0 : count;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<LedgerEntry> ROW = (row, index) -> new LedgerEntry(
            row.getString("posting_key"), row.getString("source"), row.getString("code"), row.getString("name"),
            row.getString("content_hash"), row.getString("interview_id"), LedgerStatus.of(row.getString("status")),
            row.getString("request_json"), instant(row, "in_flight_since"), instant(row, "created_at"),
            instant(row, "updated_at"), instant(row, "last_seen_at"));
}
