package dev.jobmojito.connector.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether intake may take new work. JobMojito refusing the token (401) closes the gate: no further job is sent,
 * files in progress stay where they are, and the intake routes stop polling until the token is fixed.
 */
public final class IntakeGate {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeGate.class);

    private volatile String pausedBecause;
    private final Runnable onPause;

    public IntakeGate(Runnable onPause) {
        this.onPause = onPause;
    }

    public boolean paused() {
        return pausedBecause != null;
    }

    public String reason() {
        return pausedBecause;
    }

    /** Closes the gate once; the first reason is the one reported. */
    public void pause(String reason) {
        boolean first;
        synchronized (this) {
            first = pausedBecause == null;
            if (first) {
                pausedBecause = reason;
            }
        }
        if (first) {
            LOG.error("Intake paused: {}. Files stay in their inbox untouched; no job is sent until this is fixed.",
                    reason);
            onPause.run();
        }
    }

    /** Opens the gate again (a new token was found). */
    public synchronized void resume() {
        if (pausedBecause != null) {
            LOG.info("Intake resumed");
            pausedBecause = null;
        }
    }
}
