package dev.jobmojito.connector.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jackson's parse errors in words an engineer can act on: where, and what, without parser internals. */
final class JsonErrors {

    private static final Pattern START_MARKER = Pattern.compile(
            "\\s*\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)]\\)");

    private JsonErrors() {
    }

    static String describe(JsonProcessingException e) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column "
                + location.getColumnNr();
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher marker = START_MARKER.matcher(message);
        message = marker.find() ? marker.replaceFirst(" (opened at line " + marker.group(1) + ", column "
                + marker.group(2) + ")") : message;
        return "invalid JSON" + where + ": " + message.replaceAll("\\s+", " ").strip();
    }
}
