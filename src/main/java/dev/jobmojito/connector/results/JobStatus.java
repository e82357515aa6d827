package dev.jobmojito.connector.results;

import java.util.Locale;

/** The outcome of one job. */
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
    CLOSED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
