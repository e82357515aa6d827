package dev.jobmojito.connector.intake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether intake may take new work. Two things close the gate:
 *
 * <ul>
 *   <li>{@link #pause}: something is wrong that a retry will not fix (JobMojito refused the token, an outcome
 *       could not be recorded). No further job is sent, files in progress stay where they are, the intake
 *       routes stop polling, and readiness goes DOWN with the reason.</li>
 *   <li>{@link #stop}: the connector is stopping (SIGTERM, Ctrl-C). Jobs already sent finish; no new job is
 *       started; a file whose jobs were not all handled stays in its inbox for the next start.</li>
 * </ul>
 */
public final class IntakeGate {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeGate.class);

    private volatile String pausedBecause;
    private volatile boolean stopping;
    private final Runnable onPause;

    /** @param onPause what to do once when the gate is paused (suspend the intake routes) */
    public IntakeGate(Runnable onPause) {
        this.onPause = onPause;
    }

    /** True when no new job may start: paused, or stopping. */
    public boolean paused() {
        return pausedBecause != null;
    }

    /** True once the connector has begun to stop. */
    public boolean stopping() {
        return stopping;
    }

    /** Why the gate is closed, or null when it is open. */
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

    /**
     * The connector is stopping: no new job starts from now on. Jobs in flight finish within the shutdown grace
     * period; their files stay in the inbox unless every job of them was handled.
     *
     * @param jobsInFlight whether anything is still being handled (said in the log only then)
     */
    public void stop(boolean jobsInFlight) {
        synchronized (this) {
            stopping = true;
            if (pausedBecause == null) {
                pausedBecause = "the connector is stopping";
            }
        }
        if (jobsInFlight) {
            LOG.info("Stopping: jobs already sent finish, no new job starts; unfinished files stay in the inbox");
        }
    }

    /** Opens the gate again (a new token was found); a stopping connector stays closed. */
    public synchronized void resume() {
        if (pausedBecause != null && !stopping) {
            LOG.info("Intake resumed");
            pausedBecause = null;
        }
    }
}
