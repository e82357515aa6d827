package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A final answer of JobMojito to a request: created (with the new interview's id) or rejected (with the API's
 * {@code {"error","name"}}). Answers worth retrying are not outcomes; they are {@link RetryableCallException}s.
 */
public record CallOutcome(boolean accepted, String interviewId, JsonNode apiError, int httpStatus) {

    public static CallOutcome accepted(String interviewId, int httpStatus) {
        return new CallOutcome(true, interviewId, null, httpStatus);
    }

    public static CallOutcome rejected(JsonNode apiError, int httpStatus) {
        return new CallOutcome(false, null, apiError, httpStatus);
    }
}
