package dev.jobmojito.connector.intake;

import java.time.Duration;

/**
 * Work a once run waits for after its intake is done and before it prints its summary, for a bounded while: the
 * interview results the embedded sandbox completes after the invitations (issue 14), received and written while
 * the run lasts. What is still outstanding when the while is over is reported and makes the exit code 1.
 */
public interface AwaitedWork {

    /** How many items are still outstanding; 0 when the work is done. Called every 100 ms; must be cheap. */
    long outstanding();

    /** The longest wait. */
    Duration patience();

    /** The line printed before waiting, e.g. "Waiting up to 30s for 5 interview results". */
    String waiting(long outstanding);

    /** The line printed when the wait ended with work left, saying where that work waits. */
    String left(long outstanding);
}
