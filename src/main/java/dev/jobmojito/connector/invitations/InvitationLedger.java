package dev.jobmojito.connector.invitations;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The invitation ledger ({@code invitation_ledger}, Flyway V6): one row per (application, interview), holding
 * ids only. Each write is its own committed statement, made before the step it guards: a row is
 * {@link #markInFlight in flight} before the register-users call that carries the application, and
 * {@link #recordInvited invited} only once JobMojito's row for it said ok.
 */
public final class InvitationLedger {

    /** What the ledger says about one application and interview. */
    public enum Status {
        IN_FLIGHT, INVITED, NEEDS_PERSON;

        String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status of(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One row.
     *
     * @param attempts register-users calls that carried the application so far
     */
    public record Entry(String externalId, String interviewId, String postingKey, Status status, int attempts,
                        Instant inFlightSince, Instant invitedAt, String note) {
    }

    private final JdbcTemplate jdbc;

    public InvitationLedger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    public Optional<Entry> find(String externalId, String interviewId) {
        return jdbc.query("SELECT external_id, interview_id, posting_key, status, attempts, in_flight_since,"
                        + " invited_at, note FROM invitation_ledger WHERE external_id = ? AND interview_id = ?",
                (row, i) -> new Entry(row.getString(1), row.getString(2), row.getString(3),
                        Status.of(row.getString(4)), row.getInt(5), instant(row.getTimestamp(6)),
                        instant(row.getTimestamp(7)), row.getString(8)), externalId, interviewId).stream()
                .findFirst();
    }

    /**
     * Records that a register-users call carrying the application is about to be sent: from now on a lost
     * answer is reconciled before anything is sent again.
     *
     * @return false when another thread or replica wrote the row first (it is then that one's to register)
     */
    public boolean markInFlight(Application application, String interviewId, Instant now) {
        int updated = jdbc.update("UPDATE invitation_ledger SET status = ?, attempts = attempts + 1,"
                        + " in_flight_since = ?, updated_at = ? WHERE external_id = ? AND interview_id = ?"
                        + " AND status = ?", Status.IN_FLIGHT.value(), at(now), at(now), application.externalId(),
                interviewId, Status.IN_FLIGHT.value());
        if (updated > 0) {
            return true;
        }
        try {
            jdbc.update("INSERT INTO invitation_ledger (external_id, interview_id, source, application_id,"
                            + " posting_key, status, attempts, in_flight_since, updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)", application.externalId(), interviewId,
                    application.source(), application.applicationId(), application.postingKey(),
                    Status.IN_FLIGHT.value(), at(now), at(now));
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    /** JobMojito's row for the application said ok (or reconciliation found it registered). */
    public void recordInvited(String externalId, String interviewId, String note, Instant now) {
        recordInvited(externalId, interviewId, note, now, null);
    }

    /**
     * JobMojito's row for the application said ok, with the link to write back as a note kept until
     * {@link #linkNoted} (V10): one statement, so a connector that dies after it still has the link.
     *
     * @param pendingLink the link note's JSON ({@code interview_url}, {@code send_email}, {@code is_test}), or
     *                    null when no note is due
     */
    public void recordInvited(String externalId, String interviewId, String note, Instant now, String pendingLink) {
        jdbc.update("UPDATE invitation_ledger SET status = ?, in_flight_since = NULL, invited_at = ?, updated_at = ?,"
                        + " note = ?, pending_link = ? WHERE external_id = ? AND interview_id = ?",
                Status.INVITED.value(), at(now), at(now), note, pendingLink, externalId, interviewId);
    }

    /** A pending link note: the invitation's ids and the kept JSON. */
    public record PendingLink(String externalId, String interviewId, String source, String applicationId,
                              String postingKey, String json) {
    }

    /**
     * Invitations whose link note is still due and that were recorded before {@code before} (by an earlier run,
     * or long enough ago that no write of this run is still on it), oldest first, at most {@code limit}.
     */
    public List<PendingLink> pendingLinks(Instant before, int limit) {
        return jdbc.query("SELECT external_id, interview_id, source, application_id, posting_key, pending_link"
                        + " FROM invitation_ledger WHERE pending_link IS NOT NULL AND invited_at < ?"
                        + " ORDER BY invited_at FETCH FIRST " + limit + " ROWS ONLY",
                (row, i) -> new PendingLink(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)), at(before));
    }

    /** How many invitations recorded before {@code before} still wait for their link note. */
    public long pendingLinkCount(Instant before) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM invitation_ledger WHERE pending_link IS NOT NULL"
                + " AND invited_at < ?", Long.class, at(before));
        return count == null ? 0 : count;
    }

    /** The write-back has the link note (written, or parked for good): the link is no longer kept. */
    public void linkNoted(String externalId, String interviewId) {
        jdbc.update("UPDATE invitation_ledger SET pending_link = NULL WHERE external_id = ? AND interview_id = ?",
                externalId, interviewId);
    }

    /** JobMojito could not tell whether a lost call registered the candidate: nothing is sent until a person says. */
    public void recordNeedsPerson(String externalId, String interviewId, String note, Instant now) {
        jdbc.update("UPDATE invitation_ledger SET status = ?, in_flight_since = NULL, updated_at = ?, note = ?"
                        + " WHERE external_id = ? AND interview_id = ?", Status.NEEDS_PERSON.value(), at(now),
                note, externalId, interviewId);
    }

    /** The call certainly did not register the candidate (refused, or never sent): the next sighting tries again. */
    public void clear(String externalId, String interviewId) {
        jdbc.update("DELETE FROM invitation_ledger WHERE external_id = ? AND interview_id = ? AND status = ?",
                externalId, interviewId, Status.IN_FLIGHT.value());
    }

    /** Rows of a status, oldest first (for an operator and for tests). */
    public List<Entry> withStatus(Status status) {
        return jdbc.query("SELECT external_id, interview_id, posting_key, status, attempts, in_flight_since,"
                        + " invited_at, note FROM invitation_ledger WHERE status = ? ORDER BY updated_at",
                (row, i) -> new Entry(row.getString(1), row.getString(2), row.getString(3),
                        Status.of(row.getString(4)), row.getInt(5), instant(row.getTimestamp(6)),
                        instant(row.getTimestamp(7)), row.getString(8)), status.value());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
