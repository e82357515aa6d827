package dev.jobmojito.connector.intake;

/**
 * Thrown at the end of a file's processing when intake was paused meanwhile: the exchange fails on purpose so
 * the file consumer rolls back and leaves the file in its inbox for the next run.
 */
public class IntakePausedException extends RuntimeException {

    public IntakePausedException(String reason) {
        super("intake paused: " + reason, null, false, false);
    }
}
