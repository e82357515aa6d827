package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.input.InputCharset;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One answer of the ATS API, with its body as the bytes that came: the mapping's reader decides once how they are
 * text (see {@link InputCharset}), exactly as for the same bytes dropped as a file.
 *
 * @param status      HTTP status
 * @param body        the body's bytes, never decoded on the way
 * @param contentType the Content-Type header, or null
 * @param link        the Link header, or null
 */
public record AtsPage(int status, byte[] body, String contentType, String link) {

    /** The charset the Content-Type header names, or null. */
    public Charset declaredCharset() {
        return InputCharset.fromContentType(contentType);
    }

    /** The start of the body as text, for telling an HTML page from data and for messages. */
    public String start() {
        Charset charset = declaredCharset();
        int length = Math.min(body.length, 512);
        return new String(body, 0, length, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    /** Whether the answer is an HTML page (a login or error page) rather than data. */
    public boolean html() {
        String start = start().stripLeading().toLowerCase(Locale.ROOT);
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")
                || start.startsWith("<!doctype html") || start.startsWith("<html");
    }

    /**
     * The file name the body would have as a dropped file, for the format when the mapping does not name it:
     * from the Content-Type, else from the URL's extension, else JSON.
     */
    String fileName(String url) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("xml")) {
            return "page.xml";
        }
        if (type.contains("csv") || type.contains("tab-separated")) {
            return "page.csv";
        }
        if (type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")) {
            return "page.ndjson";
        }
        if (type.contains("json")) {
            return "page.json";
        }
        String path = url.replaceFirst("[?#].*$", "");
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.contains(".") ? last : "page.json";
    }
}
