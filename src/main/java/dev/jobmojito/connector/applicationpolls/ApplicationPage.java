package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.input.InputCharset;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One answer of the ATS's applications API, its body the bytes that came (the candidate mapping's reader decides
 * how they are text, as for the same bytes dropped as a file).
 *
 * @param status      HTTP status
 * @param body        the body's bytes
 * @param contentType the Content-Type header, or null
 * @param link        the Link header (RFC 8288), or null
 */
public record ApplicationPage(int status, byte[] body, String contentType, String link) {

    /** The charset the Content-Type names, or null. */
    Charset declaredCharset() {
        return InputCharset.fromContentType(contentType);
    }

    /** Whether the answer is an HTML page (a login or error page) rather than data. */
    boolean html() {
        Charset charset = declaredCharset();
        String start = new String(body, 0, Math.min(body.length, 512), charset == null ? StandardCharsets.UTF_8
                : charset).stripLeading().toLowerCase(Locale.ROOT);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")
                || start.startsWith("<!doctype html") || start.startsWith("<html");
    }
}
