package dev.jobmojito.connector.writeback;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The write-back ledger (table {@code writeback_ledger}, migration V5): a row per note, keyed by target,
 * application, result id and version. Its status says what the next try may do:
 *
 * <ul>
 *   <li>{@code pending}: not sent, or refused in a way that proves it was not taken (429, 5xx, 401): send it;</li>
 *   <li>{@code in_flight}: sent, no answer (lost, or the connector died): the ATS may have the note. Look for it
 *       where the ATS can be asked; elsewhere park it for a person rather than risk a second note;</li>
 *   <li>{@code done}: written; a re-delivery of the same version writes nothing;</li>
 *   <li>{@code parked}: a dead letter waits for a person (or {@code replay}).</li>
 * </ul>
 */
public final class WritebackLedger {

    /** A row's key. */
    public record Key(String target, String applicationId, String resultId, String version) {
    }

    /** The status of a row. */
    public enum Status {
        PENDING, IN_FLIGHT, DONE, PARKED;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** A row as read: its status, attempts so far and the ATS's reference of the note. */
    public record Row(Status status, int attempts, String reference) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** @param dataSource the ledger's database, migrated (V5) */
    public WritebackLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** The row of a key, made {@code pending} when there is none yet. */
    public Row claim(Key key) {
        Row row = find(key);
        if (row != null) {
            return row;
        }
        try {
            OffsetDateTime now = now();
            jdbc.update("INSERT INTO writeback_ledger (target, application_id, result_id, version, status, attempts,"
                    + " created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)", key.target(),
                    key.applicationId(), key.resultId(), key.version(), now, now);
            return new Row(Status.PENDING, 0, null);
        } catch (DuplicateKeyException raced) {
            return find(key);
        }
    }

    /** The row of a key, or null. */
    public Row find(Key key) {
        List<Row> rows = jdbc.query("SELECT status, attempts, ats_reference FROM writeback_ledger WHERE target = ?"
                + " AND application_id = ? AND result_id = ? AND version = ?",
                (r, i) -> new Row(Status.of(r.getString(1)), r.getInt(2), r.getString(3)),
                key.target(), key.applicationId(), key.resultId(), key.version());
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The note is about to be sent: from now on the ATS may have it. Committed before the call. */
    public void sending(Key key) {
        set(key, "status = 'in_flight', attempts = attempts + 1, in_flight_since = ?", now());
    }

    /** The ATS answered in a way that proves the note was not taken: the next try may send it. */
    public void notTaken(Key key) {
        set(key, "status = 'pending', in_flight_since = NULL");
    }

    /** Written (or found written): a re-delivery writes nothing. */
    public void done(Key key, String reference) {
        set(key, "status = 'done', in_flight_since = NULL, ats_reference = ?", reference);
    }

    /** Parked as a dead letter for a person. */
    public void parked(Key key) {
        set(key, "status = 'parked'");
    }

    /** A person decided (by {@code replay}) that the note is to be sent: pending again. */
    public void release(Key key) {
        set(key, "status = 'pending', in_flight_since = NULL");
    }

    private void set(Key key, String assignments, Object... values) {
        Object[] arguments = new Object[values.length + 5];
        System.arraycopy(values, 0, arguments, 0, values.length);
        arguments[values.length] = now();
        arguments[values.length + 1] = key.target();
        arguments[values.length + 2] = key.applicationId();
        arguments[values.length + 3] = key.resultId();
        arguments[values.length + 4] = key.version();
        jdbc.update("UPDATE writeback_ledger SET " + assignments + ", updated_at = ? WHERE target = ?"
                + " AND application_id = ? AND result_id = ? AND version = ?", arguments);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
