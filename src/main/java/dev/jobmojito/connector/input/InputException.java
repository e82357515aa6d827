package dev.jobmojito.connector.input;

/**
 * An input file (or part of one) that cannot be read: bad syntax, text invalid in its charset, records not
 * where the mapping says. The message says where, so the reason written beside a quarantined file is useful.
 */
public class InputException extends RuntimeException {

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
