package dev.jobmojito.connector.sync;

import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a job is handled, that the state the connector writes to is still there. An embedded H2 ledger
 * whose folder was deleted keeps writing into a file nobody can open again, and the next start would begin with
 * an empty ledger and create every posting a second time; the guard stops intake instead.
 */
public final class StateGuard {

    private final Path state;
    private final Path ledgerFile;

    /**
     * @param state      the state folder (CONNECTOR_STATE)
     * @param ledgerFile the embedded ledger's database file, or null when the ledger is an external database
     */
    public StateGuard(Path state, Path ledgerFile) {
        this.state = state;
        this.ledgerFile = ledgerFile;
    }

    /** @throws OutcomeNotRecordedException when the state folder or the embedded ledger's file has gone */
    public void check() {
        if (!Files.isDirectory(state)) {
            throw new OutcomeNotRecordedException("the state folder " + state.toAbsolutePath() + " has gone: the "
                    + "ledger cannot be trusted; restore it (or start with a fresh CONNECTOR_STATE knowing that "
                    + "postings already sent will be created again)", null);
        }
        if (ledgerFile != null && !Files.isRegularFile(ledgerFile)) {
            throw new OutcomeNotRecordedException("the ledger file " + ledgerFile.toAbsolutePath() + " has gone: "
                    + "restore it before the connector goes on", null);
        }
    }
}
