package dev.jobmojito.connector.poll;

/**
 * A poll that did not read the ATS completely: an HTTP error, a page that is not what the mapping reads (an
 * HTML error page instead of JSON), a page broken in the middle. Nothing of it is taken for the ATS's state.
 */
public class PollFailedException extends RuntimeException {

    public PollFailedException(String message) {
        super(message, null, false, false);
    }
}
