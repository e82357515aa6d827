package dev.jobmojito.connector.sync;

import java.util.Locale;

/** Where a posting stands with JobMojito, as far as the connector knows. */
public enum LedgerStatus {
    /** A create was (or may have been) sent and no answer was recorded: reconcile before sending again. */
    IN_FLIGHT,
    /** An interview exists; its id is known. */
    CREATED,
    /** An interview exists and was brought up to date. */
    UPDATED,
    /** The posting left the ATS; its interview was kept or archived as the close policy says. */
    CLOSED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LedgerStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** True when an interview is known to exist for the posting. */
    public boolean hasInterview() {
        return this == CREATED || this == UPDATED || this == CLOSED;
    }
}
