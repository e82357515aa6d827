package dev.jobmojito.connector.results;

import java.util.Locale;

/**
 * The outcome of one job: a posting's sync, an interview result's write-back to the ATS, or a candidate's
 * invitation. {@link #value()} is the {@code status} of its result line.
 */
public enum JobStatus {
    /** A new interview exists in JobMojito; the result carries its {@code interview_def_set_id}. */
    CREATED,
    /** An interview created earlier was brought up to date in place. */
    UPDATED,
    /** Not sent, or refused by JobMojito, for reasons retrying cannot fix: the errors say which. */
    REJECTED,
    /** Could not be delivered after retries (or could not be read); worth another try later. */
    FAILED,
    /** Deliberately not sent: filtered by the mapping, or already in JobMojito unchanged. */
    SKIPPED,
    /** The posting left the ATS: its interview was kept or archived, as the close policy says. */
    CLOSED,
    /** An interview result was written to the candidate's ATS record (a note, an attachment). */
    WRITTEN,
    /** An interview result that matches no application or posting the connector knows: kept, never dropped. */
    UNMATCHED,
    /** A candidate was registered for the posting's interview; JobMojito answered with its link. */
    INVITED,
    /** An application whose posting has no interview yet: it is invited once the interview exists. */
    WAITING;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
