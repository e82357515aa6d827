package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JobMojito endpoints the connector uses, as plain functions: each call is a {@link Call} built here and
 * made by the route {@code direct:jobmojito-call} (body: the call; out: its {@link HttpAnswer}), and each answer
 * is read back here. This is the only place that decides what an answer means: final (accepted or rejected),
 * worth another try ({@link RetryableCallException}), or a refused token ({@link TokenRefusedException}). It
 * sends nothing itself.
 *
 * <p>Where the rules come from: {@code ../shared/jobmojito-api.md} (errors and their statuses, the list and get
 * endpoints) and the create-from-array page (the answer's {@code interview_def_set_id}).
 */
public final class JobMojitoClient {

    /** One HTTP call: method, path, query (already encoded, or null) and JSON body (or null). */
    public record Call(String method, String path, String query, byte[] body) {
    }

    /**
     * One page of {@code GET /merchant-interview-list}: the ids of the interviews on it that may be the one looked
     * for (created since the time asked), and whether there is a next page.
     */
    public record InterviewPage(List<String> candidates, boolean more) {
    }

    /** Interviews asked for per page of the interview list. */
    public static final int LIST_PAGE = 100;

    private final JobMojitoEndpoint endpoint;
    private final Clock clock;

    public JobMojitoClient(JobMojitoEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** {@code POST /job-interview-create-from-array} with the request as it is. */
    public Call create(ObjectNode request) {
        return post(CreateFromArrayContract.PATH, request);
    }

    /**
     * The answer to {@link #create}: accepted with the new interview's id, or rejected.
     *
     * @throws RetryableCallException for 408, 429 and 5xx, and for a 2xx without {@code interview_def_set_id}
     *                                (the interview may exist: it is looked for before another create)
     * @throws TokenRefusedException  for 401
     */
    public CallOutcome created(HttpAnswer answer) {
        if (answer.ok()) {
            JsonNode id = parse(answer.body()).path("interview_def_set_id");
            if (!id.isTextual() || id.textValue().isBlank()) {
                throw new RetryableCallException("JobMojito answered " + answer.status()
                        + " without interview_def_set_id: " + abbreviate(answer.body()), answer.status(), null);
            }
            return CallOutcome.accepted(id.textValue(), answer.status());
        }
        return finalOrThrow(answer);
    }

    /** {@code POST /job-interview-update}: the changed fields of an interview, questions as the complete list. */
    public Call update(String positionId, ObjectNode changes) {
        ObjectNode body = Json.object();
        body.put("position_id", positionId);
        body.setAll(changes);
        return post("/job-interview-update", body);
    }

    /** {@code POST /job-interview-set-state}: {@code status} is draft, active or archived. */
    public Call setState(String positionId, String status) {
        ObjectNode body = Json.object();
        body.put("position_id", positionId);
        body.put("status", status);
        return post("/job-interview-set-state", body);
    }

    /**
     * The answer to {@link #update} or {@link #setState}: accepted or rejected.
     *
     * @throws RetryableCallException for 408, 429 and 5xx
     * @throws TokenRefusedException  for 401
     */
    public CallOutcome changed(String positionId, HttpAnswer answer) {
        return answer.ok() ? CallOutcome.accepted(positionId, answer.status()) : finalOrThrow(answer);
    }

    /**
     * {@code GET /merchant-interview-list?filter_text=}: one page of the interviews whose name matches. JobMojito
     * has no lookup by code; the name narrows the candidates, each then read with {@link #getInterview}.
     *
     * @param offset interviews to pass over, a multiple of {@link #LIST_PAGE}
     */
    public Call listInterviews(String name, int offset) {
        return new Call("GET", "/merchant-interview-list",
                "filter_text=" + encode(name) + "&limit=" + LIST_PAGE + "&offset=" + offset, null);
    }

    /**
     * The answer to {@link #listInterviews}. Only interviews created since {@code notBefore} (less two minutes for
     * clocks that disagree) are candidates, when the list says when they were created, so an older interview of
     * the same posting, replaced on purpose, is not taken for the one a lost answer created.
     *
     * @param notBefore the earliest creation time of interest, or null for any
     * @throws RetryableCallException when the list could not be read (any answer but 2xx, 401 and 4xx)
     * @throws TokenRefusedException  for 401
     */
    public InterviewPage listed(HttpAnswer answer, Instant notBefore) {
        requireOk(answer, "listing interviews");
        JsonNode page = parse(answer.body());
        List<String> candidates = new ArrayList<>();
        for (JsonNode item : page.path("data")) {
            String id = item.path("id").asText(null);
            if (id != null && createdSince(item, notBefore)) {
                candidates.add(id);
            }
        }
        boolean more = page.path("pagination").path("has_more").asBoolean(false) && !page.path("data").isEmpty();
        return new InterviewPage(candidates, more);
    }

    /** {@code GET /job-interview-get?position_id=}. */
    public Call getInterview(String positionId) {
        return new Call("GET", "/job-interview-get", "position_id=" + encode(positionId), null);
    }

    /**
     * The answer to {@link #getInterview}: the interview's {@code code}, or null when it has none or no longer
     * exists (404).
     *
     * @throws RetryableCallException when it could not be read
     * @throws TokenRefusedException  for 401
     */
    public String codeOf(String positionId, HttpAnswer answer) {
        if (answer.status() == 404) {
            return null;
        }
        requireOk(answer, "reading interview " + positionId);
        return parse(answer.body()).path("code").asText(null);
    }

    private static boolean createdSince(JsonNode item, Instant notBefore) {
        String created = item.path("created_at").asText(null);
        if (notBefore == null || created == null) {
            return true;
        }
        try {
            return !OffsetDateTime.parse(created).toInstant().isBefore(notBefore.minusSeconds(120));
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private void requireOk(HttpAnswer answer, String what) {
        if (!answer.ok()) {
            finalOrThrow(answer);
            throw new RetryableCallException("JobMojito answered " + answer.status() + " when " + what + ": "
                    + abbreviate(answer.body()), answer.status(), null);
        }
    }

    /** Classifies an answer that is not a success: rejected for good, or an exception saying retry or stop. */
    private CallOutcome finalOrThrow(HttpAnswer answer) {
        int status = answer.status();
        if (status == 401) {
            throw new TokenRefusedException("JobMojito refused the API token (401) from " + endpoint.token().origin()
                    + ": it is missing, malformed, expired or signed out");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetryableCallException("JobMojito answered " + status + ": " + abbreviate(answer.body()), status,
                    retryAfterMillis(answer.retryAfter()));
        }
        JsonNode error = parse(answer.body());
        if (!error.isObject() || !error.has("error")) {
            ObjectNode wrapped = Json.object();
            wrapped.put("error", answer.body().isBlank() ? "HTTP " + status : abbreviate(answer.body()));
            error = wrapped;
        }
        return CallOutcome.rejected(error, status);
    }

    private static Call post(String path, JsonNode body) {
        return new Call("POST", path, null, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code Retry-After} in ms ({@link dev.jobmojito.connector.common.RetryAfter}); null when absent or unreadable. */
    Long retryAfterMillis(String header) {
        return dev.jobmojito.connector.common.RetryAfter.millis(header, clock.instant());
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.NODES.missingNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.NODES.missingNode();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "..." : flat;
    }

    /**
     * A call that failed without an answer (connection refused, reset, timed out). Whether the request reached
     * JobMojito is unknown unless the connection was never made.
     */
    public static final class CallFailedException extends RuntimeException {
        public CallFailedException(Exception cause) {
            super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    cause, false, false);
        }

        /** True when the connection was never made, so the request certainly did not reach JobMojito. */
        public boolean neverSent() {
            Throwable cause = getCause();
            return cause instanceof java.net.ConnectException
                    || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || cause instanceof java.net.UnknownHostException;
        }
    }
}
