package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.HeldTransaction;
import dev.jobmojito.connector.common.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * The interview results received, in the ledger's database (table {@code interview_result_event}, migration V4):
 * each version of a result stored once, before its delivery is acknowledged, then processed from here by any
 * replica sharing the database ({@link #claim}, {@code SELECT ... FOR UPDATE SKIP LOCKED}, the pattern of
 * {@code results.WebhookOutbox}). Also keeps the reconciliation's watermark ({@code interview_result_watermark}).
 */
public final class ReceivedResults {

    /** What {@link #store} did with a delivery. */
    public enum Stored {
        /** A version not seen before: stored, pending. */
        NEW,
        /** The same result and version is already stored (a re-delivery): nothing changed. */
        DUPLICATE
    }

    /** A version of the same result already processed, to compare a pending one with. */
    public record Processed(long id, String version, int progress, Instant updatedAt) {
    }

    /** Due rows a claim tries, oldest first, before it says there is nothing to take. */
    static final int CANDIDATES = 20;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SQLExceptionTranslator translator;
    private final Clock clock;
    /** The group commit's lock: guards {@code waiting}, {@code committing} and each delivery's outcome. */
    private final Object group = new Object();
    /** Deliveries waiting for the next commit. */
    private List<Delivery> waiting = new ArrayList<>();
    /** A caller is committing a batch. */
    private boolean committing;

    /** @param dataSource the ledger's database, migrated (V4) */
    public ReceivedResults(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
        this.clock = clock;
    }

    /**
     * Stores a version of a result, committed when this returns, unless the same result id and version is
     * stored already.
     *
     * <p>Deliveries arriving together are committed together (a group commit): the first caller to find no
     * commit under way writes every delivery waiting at that moment in one transaction, each insert behind a
     * savepoint so that a re-delivery is told apart alone, and commits once; the others wait for that commit
     * and answer from it. An embedded H2 ledger commits one transaction at a time (a few hundred per second
     * on a small machine), so a burst of webhooks otherwise queued behind its own commits. Nothing is
     * acknowledged before its commit.
     *
     * @param via {@code webhook} or {@code reconciliation}
     * @throws DataAccessException when the database does not take it (the delivery must not be acknowledged);
     *                             every delivery of the same commit gets it
     */
    public Stored store(ResultPayload result, String via) {
        Delivery mine = new Delivery(result, via);
        synchronized (group) {
            waiting.add(mine);
        }
        while (true) {
            List<Delivery> batch;
            synchronized (group) {
                while (mine.outcome == null && committing) {
                    try {
                        group.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while a result was being stored", e);
                    }
                }
                if (mine.outcome != null) {
                    break;
                }
                committing = true;
                batch = waiting;
                waiting = new ArrayList<>();
            }
            try {
                commit(batch);
            } finally {
                synchronized (group) {
                    committing = false;
                    group.notifyAll();
                }
            }
        }
        if (mine.outcome instanceof DataAccessException failure) {
            throw failure;
        }
        return (Stored) mine.outcome;
    }

    /** A delivery waiting for its commit; {@code outcome} is its {@link Stored} or the failure, once known. */
    private static final class Delivery {
        final ResultPayload result;
        final String via;
        Object outcome;

        Delivery(ResultPayload result, String via) {
            this.result = result;
            this.via = via;
        }
    }

    /** Inserts every delivery of {@code batch} in one transaction; sets each one's outcome (under the lock). */
    private void commit(List<Delivery> batch) {
        Object[] outcomes = new Object[batch.size()];
        OffsetDateTime now = utc(clock.instant());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO interview_result_event"
                    + " (result_id, version, event, interview_id, progress, result_updated, payload, received_via,"
                    + " received_at, state, attempts, next_attempt_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?)")) {
                for (int i = 0; i < batch.size(); i++) {
                    ResultPayload result = batch.get(i).result;
                    insert.setString(1, result.resultId());
                    insert.setString(2, result.version());
                    insert.setString(3, result.event());
                    insert.setString(4, result.interviewId());
                    insert.setInt(5, result.progress());
                    insert.setObject(6, result.updatedAt() == null ? null : utc(result.updatedAt()));
                    insert.setString(7, Json.write(result.payload()));
                    insert.setString(8, batch.get(i).via);
                    insert.setObject(9, now);
                    insert.setObject(10, now);
                    java.sql.Savepoint before = connection.setSavepoint();
                    try {
                        insert.executeUpdate();
                        outcomes[i] = Stored.NEW;
                    } catch (SQLException e) {
                        if (!(translate("store an interview result", e) instanceof DuplicateKeyException)) {
                            throw e;
                        }
                        // the same result and version: stored already, or earlier in this very batch
                        connection.rollback(before);
                        outcomes[i] = Stored.DUPLICATE;
                    }
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            java.util.Arrays.fill(outcomes, translate("store " + batch.size() + " interview results", e));
        } catch (DataAccessException e) {
            java.util.Arrays.fill(outcomes, e);
        } catch (RuntimeException e) {
            java.util.Arrays.fill(outcomes, new org.springframework.dao.InvalidDataAccessApiUsageException(
                    "storing " + batch.size() + " interview results failed", e));
        }
        synchronized (group) {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome = outcomes[i];
            }
        }
    }

    /** Events not processed yet (held ones included). */
    public long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM interview_result_event WHERE state = 'pending'",
                Long.class);
        return count == null ? 0 : count;
    }

    /** Every stored version of every result. */
    public long size() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM interview_result_event", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Takes the oldest pending event that is due and that no other processor holds (of the {@value #CANDIDATES}
     * oldest due, the first not locked: {@code SELECT ... FOR UPDATE SKIP LOCKED}), in a transaction kept open
     * on a connection of its own until the claim ends: meanwhile no replica processes it. End it with
     * {@link Claim#done} or {@link Claim#failed}; closing it otherwise (or the process dying) leaves the event
     * pending.
     *
     * @return the claim, or empty when nothing is due
     * @throws DataAccessException when the database cannot be reached
     */
    public Optional<Claim> claim() {
        return HeldTransaction.claim(dataSource, "a received interview result", transaction -> {
            Connection connection = transaction.connection();
            // the oldest due rows first, unlocked; then one of them locked by its id. A single statement with
            // ORDER BY ... FETCH FIRST ... FOR UPDATE SKIP LOCKED makes H2 lock every pending row it reads (and
            // then answer none to a second processor): slow behind a burst, and one processor at a time
            List<Long> due = new ArrayList<>();
            try (PreparedStatement candidates = connection.prepareStatement("SELECT id FROM interview_result_event"
                    + " WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id FETCH FIRST "
                    + CANDIDATES + " ROWS ONLY")) {
                candidates.setObject(1, utc(clock.instant()));
                try (ResultSet rows = candidates.executeQuery()) {
                    while (rows.next()) {
                        due.add(rows.getLong(1));
                    }
                }
            }
            for (long id : due) {
                try (PreparedStatement select = connection.prepareStatement("SELECT id, result_id, version, event,"
                        + " progress, result_updated, payload, attempts FROM interview_result_event"
                        + " WHERE id = ? AND state = 'pending' FOR UPDATE SKIP LOCKED")) {
                    select.setLong(1, id);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            ObjectNode payload = storedPayload(row.getString("payload"));
                            Timestamp updated = row.getTimestamp("result_updated");
                            ResultPayload result = new ResultPayload(row.getString("result_id"),
                                    row.getString("version").strip(), row.getString("event"),
                                    payload.hasNonNull("interview_id") ? payload.get("interview_id").asText() : null,
                                    row.getInt("progress"), updated == null ? null : updated.toInstant(), payload);
                            return Optional.of(new Claim(transaction, row.getLong("id"), row.getInt("attempts"),
                                    result));
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The newest version of a result already processed to a write or another final answer (versions skipped as
     * older, or unmatched, do not count), by {@link ResultPayload#newerThan}.
     */
    public Optional<Processed> newestProcessed(String resultId) {
        Processed newest = null;
        for (Processed row : jdbc.query("SELECT id, version, progress, result_updated FROM interview_result_event"
                        + " WHERE result_id = ? AND state = 'done' AND outcome NOT IN ('skipped', 'unmatched')",
                (rs, n) -> {
                    Timestamp updated = rs.getTimestamp("result_updated");
                    return new Processed(rs.getLong("id"), rs.getString("version").strip(), rs.getInt("progress"),
                            updated == null ? null : updated.toInstant());
                }, resultId)) {
            if (newest == null || ResultPayload.newerThan(row.progress(), row.updatedAt(), row.id(),
                    newest.progress(), newest.updatedAt(), newest.id())) {
                newest = row;
            }
        }
        return Optional.ofNullable(newest);
    }

    /** The reconciliation's watermark: results updated before it were seen. */
    public Optional<Instant> watermark(String name) {
        return jdbc.query("SELECT watermark FROM interview_result_watermark WHERE name = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), name).stream().findFirst();
    }

    /** Moves the watermark (never back). */
    public void moveWatermark(String name, Instant to) {
        OffsetDateTime now = utc(clock.instant());
        int updated = jdbc.update("UPDATE interview_result_watermark SET watermark = ?, updated_at = ?"
                + " WHERE name = ? AND watermark < ?", utc(to), now, name, utc(to));
        if (updated == 0 && watermark(name).isEmpty()) {
            try {
                jdbc.update("INSERT INTO interview_result_watermark (name, watermark, updated_at) VALUES (?, ?, ?)",
                        name, utc(to), now);
            } catch (DuplicateKeyException another) {
                moveWatermark(name, to);
            }
        }
    }

    /**
     * One pending event held by one processor: its row stays locked until the claim ends. Not thread-safe.
     */
    public final class Claim implements AutoCloseable {

        private final HeldTransaction transaction;
        private final long row;
        private final int attempts;
        private final ResultPayload result;

        private Claim(HeldTransaction transaction, long row, int attempts, ResultPayload result) {
            this.transaction = transaction;
            this.row = row;
            this.attempts = attempts;
            this.result = result;
        }

        /** The event's arrival rank (its row id). */
        public long row() {
            return row;
        }

        /** Processing attempts that failed before this one. */
        public int attempts() {
            return attempts;
        }

        /** The stored version of the result. */
        public ResultPayload result() {
            return result;
        }

        /** Processed: the event is done, with the status of its result line. */
        public void done(String outcome) {
            end("mark a received interview result done", "UPDATE interview_result_event SET state = 'done',"
                    + " outcome = ?, processed_at = ?, last_failure = NULL WHERE id = ?", outcome, null);
        }

        /**
         * Processing failed for now: the event stays pending, not taken again before {@code retryIn} has passed.
         *
         * @param why a short reason, no personal data (kept in the row)
         */
        public void failed(String why, Duration retryIn) {
            end("note a failed processing of an interview result", "UPDATE interview_result_event SET"
                    + " attempts = attempts + 1, last_failure = ?, next_attempt_at = ? WHERE id = ?",
                    why == null ? "unknown" : why.length() > 500 ? why.substring(0, 500) : why, retryIn);
        }

        private void end(String task, String sql, String text, Duration retryIn) {
            transaction.commit(task, connection -> {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    update.setString(1, text);
                    Instant now = clock.instant();
                    update.setObject(2, utc(retryIn == null ? now : now.plus(retryIn)));
                    update.setLong(3, row);
                    update.executeUpdate();
                }
            });
        }

        /** Ends the claim without changing the row; does nothing once it has ended. */
        @Override
        public void close() {
            transaction.close();
        }

        @Override
        public String toString() {
            return "event " + row + " (" + result + ")";
        }
    }

    private static ObjectNode storedPayload(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (java.io.IOException | ClassCastException e) {
            throw new IllegalStateException("a stored interview result is not a JSON object", e);
        }
    }

    private DataAccessException translate(String task, SQLException e) {
        DataAccessException translated = translator.translate(task, null, e);
        return translated != null ? translated : new org.springframework.jdbc.UncategorizedSQLException(task, null, e);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
