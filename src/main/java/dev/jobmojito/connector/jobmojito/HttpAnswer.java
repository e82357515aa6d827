package dev.jobmojito.connector.jobmojito;

/**
 * What JobMojito answered to one call.
 *
 * @param status     the HTTP status
 * @param body       the response body as text (may be empty)
 * @param retryAfter the {@code Retry-After} header, or null
 */
public record HttpAnswer(int status, String body, String retryAfter) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
