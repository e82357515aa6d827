package dev.jobmojito.connector.writeback;

/**
 * A write that may pass on another try: the ATS answered 429, 408 or 5xx (the note was not taken), or the
 * answer was lost after the request went out ({@link #lost()}: the note may have been taken). The next try
 * starts from what the write ledger says.
 */
public class RetryableWriteException extends RuntimeException {

    private final Integer httpStatus;
    private final Long retryAfterMillis;
    private final boolean lost;

    /**
     * @param httpStatus       the ATS's status, or null when no answer came
     * @param retryAfterMillis what the ATS asked to wait ({@code Retry-After}), or null
     * @param lost             true when the request may have reached the ATS without its answer reaching us
     */
    public RetryableWriteException(String message, Integer httpStatus, Long retryAfterMillis, boolean lost) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.retryAfterMillis = retryAfterMillis;
        this.lost = lost;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public Long retryAfterMillis() {
        return retryAfterMillis;
    }

    public boolean lost() {
        return lost;
    }
}
