package dev.jobmojito.connector.sync;

import java.util.Locale;

/**
 * What to do when a posting already sent changes ({@code CONNECTOR_SYNC_ON_CHANGE}) and when it leaves the ATS
 * ({@code CONNECTOR_SYNC_ON_CLOSE}).
 */
public record SyncPolicy(OnChange onChange, OnClose onClose) {

    public enum OnChange {
        /** Update the interview in place with the changed fields (default). */
        UPDATE,
        /** Leave the interview as it is; report the posting skipped. */
        SKIP,
        /** Create a new interview; the ledger follows the new one. */
        CREATE;

        public static OnChange parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }

    public enum OnClose {
        /** Leave the interview as it is (default). */
        KEEP,
        /** Archive the interview ({@code job-interview-set-state} with {@code status: archived}). */
        ARCHIVE;

        public static OnClose parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        }
    }
}
