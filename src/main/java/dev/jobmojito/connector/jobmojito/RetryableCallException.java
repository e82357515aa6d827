package dev.jobmojito.connector.jobmojito;

/**
 * A call that failed in a way that may pass on another try: a 5xx, a 429 or 408, an answer that never came.
 *
 * @see CallOutcome
 */
public class RetryableCallException extends RuntimeException {

    private final Integer httpStatus;
    private final Long retryAfterMillis;

    public RetryableCallException(String message, Integer httpStatus, Long retryAfterMillis) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.retryAfterMillis = retryAfterMillis;
    }

    /** The HTTP status, or null when no answer came. */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** What the server asked us to wait ({@code Retry-After}), or null. */
    public Long retryAfterMillis() {
        return retryAfterMillis;
    }
}
