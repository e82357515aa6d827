package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;

/**
 * One thing wrong with a request: where ({@code questions[1].conditional_question_main_id}), what, and the
 * offending value, so an engineer can find it in the ATS record without guessing.
 */
public record Problem(String path, String message, JsonNode value) {

    public static Problem of(String path, String message) {
        return new Problem(path, message, null);
    }

    public static Problem of(String path, String message, JsonNode value) {
        return new Problem(path, message, value);
    }

    @Override
    public String toString() {
        String where = path == null || path.isEmpty() ? "" : path + ": ";
        return value == null ? where + message : where + message + " (got " + Json.brief(value) + ")";
    }
}
