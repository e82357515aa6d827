package dev.jobmojito.connector.writeback;

import java.nio.file.Path;
import java.util.Map;

/**
 * One call out to an ATS (or one file written for the local stand-in), built by an {@link AtsWriter} and made
 * by the route {@code direct:ats-write-call}.
 *
 * @param purpose     what the call is for (the answer is read accordingly)
 * @param method      HTTP method
 * @param url         the whole URL, query included
 * @param headers     request headers, authentication included (never logged: see {@link #toString()})
 * @param body        request body, or null
 * @param contentType the body's content type, or null
 * @param file        for {@link Purpose#FILE}: the file to write (the body is its content); else null
 */
public record WriteCall(Purpose purpose, String method, String url, Map<String, String> headers, byte[] body,
                        String contentType, Path file) {

    /** What a call is for. */
    public enum Purpose {
        /** OAuth 2.0 client credentials: a token from the token endpoint. */
        TOKEN,
        /** A listing of the application's notes, looked through for the result's marker. */
        LOOK_UP,
        /** The note itself. */
        NOTE,
        /** The PDF report as an attachment. */
        ATTACHMENT,
        /** The local stand-in ATS: the note as a file. */
        FILE
    }

    public WriteCall {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // headers carry the credentials and the body the note: only what the call is and where it goes
        return purpose + " " + method + " " + dev.jobmojito.connector.secrets.SecretRegistry.mask(
                url == null ? String.valueOf(file) : url);
    }
}
