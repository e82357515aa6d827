package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The JobMojito endpoints the connector uses, as typed calls. The only place that decides what an answer
 * means: final (accepted or rejected), worth another try ({@link RetryableCallException}), or a refused
 * token ({@link TokenRefusedException}). Every call goes out through {@code direct:jobmojito-call}.
 */
public final class JobMojitoClient {

    /** One HTTP call: method, path, query (already encoded) and JSON body. */
    public record Call(String method, String path, String query, byte[] body) {
    }

    private static final int LIST_PAGE = 100;

    private final ProducerTemplate producer;
    private final JobMojitoEndpoint endpoint;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final TokenProbe probe = new TokenProbe();

    public JobMojitoClient(ProducerTemplate producer, JobMojitoEndpoint endpoint, ConnectorMetrics metrics,
                           Clock clock) {
        this.producer = producer;
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** {@code POST /job-interview-create-from-array}. */
    public CallOutcome create(ObjectNode request) {
        HttpAnswer answer = call("POST", CreateFromArrayContract.PATH, null, request);
        if (answer.ok()) {
            JsonNode id = parse(answer.body()).path("interview_def_set_id");
            if (!id.isTextual() || id.textValue().isBlank()) {
                // the interview may exist without us knowing its id: retried only after reconciliation
                throw new RetryableCallException("JobMojito answered " + answer.status()
                        + " without interview_def_set_id: " + abbreviate(answer.body()), answer.status(), null);
            }
            return CallOutcome.accepted(id.textValue(), answer.status());
        }
        return finalOrThrow(answer);
    }

    /** {@code POST /job-interview-update}: the changed fields of an interview, questions as the complete list. */
    public CallOutcome update(String positionId, ObjectNode changes) {
        ObjectNode body = Json.object();
        body.put("position_id", positionId);
        body.setAll(changes);
        HttpAnswer answer = call("POST", "/job-interview-update", null, body);
        return answer.ok() ? CallOutcome.accepted(positionId, answer.status()) : finalOrThrow(answer);
    }

    /** {@code POST /job-interview-set-state}. */
    public CallOutcome setState(String positionId, String status) {
        ObjectNode body = Json.object();
        body.put("position_id", positionId);
        body.put("status", status);
        HttpAnswer answer = call("POST", "/job-interview-set-state", null, body);
        return answer.ok() ? CallOutcome.accepted(positionId, answer.status()) : finalOrThrow(answer);
    }

    /**
     * Finds an interview whose {@code code} is the posting's, by listing interviews of that name
     * ({@code GET /merchant-interview-list?filter_text=}) and reading each one ({@code GET /job-interview-get}).
     * JobMojito has no lookup by code; the name narrows the candidates. Only interviews created since
     * {@code notBefore} count (when the list says when they were created), so an older interview of the same
     * posting, replaced on purpose, is not taken for the one a lost answer created.
     */
    public Optional<String> findByCode(String name, String code, Instant notBefore) {
        int offset = 0;
        while (true) {
            String query = "filter_text=" + encode(name) + "&limit=" + LIST_PAGE + "&offset=" + offset;
            HttpAnswer answer = call("GET", "/merchant-interview-list", query, null);
            requireOk(answer, "listing interviews");
            JsonNode page = parse(answer.body());
            for (JsonNode item : page.path("data")) {
                String id = item.path("id").asText(null);
                if (id != null && createdSince(item, notBefore) && code.equals(codeOf(id))) {
                    return Optional.of(id);
                }
            }
            if (!page.path("pagination").path("has_more").asBoolean(false) || page.path("data").isEmpty()) {
                return Optional.empty();
            }
            offset += LIST_PAGE;
        }
    }

    private static boolean createdSince(JsonNode item, Instant notBefore) {
        String created = item.path("created_at").asText(null);
        if (notBefore == null || created == null) {
            return true;
        }
        try {
            // two minutes of slack for clocks that disagree
            return !java.time.OffsetDateTime.parse(created).toInstant().isBefore(notBefore.minusSeconds(120));
        } catch (DateTimeParseException unreadable) {
            return true;
        }
    }

    private String codeOf(String positionId) {
        HttpAnswer answer = call("GET", "/job-interview-get", "position_id=" + encode(positionId), null);
        if (answer.status() == 404) {
            return null;
        }
        requireOk(answer, "reading interview " + positionId);
        return parse(answer.body()).path("code").asText(null);
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

    private HttpAnswer call(String method, String path, String query, JsonNode body) {
        Call call = new Call(method, path, query, body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8));
        HttpAnswer answer = sendChecked(call);
        if (answer.status() == 401 && endpoint.token().reload()) {
            // the token file was rotated since this call was prepared: one more try with the new token
            answer = sendChecked(call);
        }
        return answer;
    }

    /**
     * Sends the call unless its token is known to be refused; the first call with a new token goes alone and
     * the others wait for its answer ({@link TokenProbe}), so a refused token costs one 401, not one per call
     * in flight.
     */
    private HttpAnswer sendChecked(Call call) {
        String token = endpoint.token().current();
        TokenProbe.Turn turn = probe.enter(token);
        if (turn == TokenProbe.Turn.REFUSED) {
            throw new TokenRefusedException("JobMojito refused the API token (401) from " + endpoint.token().origin()
                    + " (answered to an earlier call; this one was not sent)");
        }
        Boolean verdict = null;
        try {
            HttpAnswer answer = send(call, token);
            int status = answer.status();
            verdict = status == 401 ? Boolean.FALSE
                    : status == 408 || status == 429 || status >= 500 ? null : Boolean.TRUE;
            return answer;
        } finally {
            if (turn == TokenProbe.Turn.PROVE || Boolean.FALSE.equals(verdict)) {
                probe.answered(token, verdict);
            }
        }
    }

    private HttpAnswer send(Call call, String token) {
        long started = System.nanoTime();
        metrics.callStarted();
        Exchange result;
        try {
            result = producer.send("direct:jobmojito-call", exchange -> {
                exchange.setProperty(JobMojitoRoutes.CALL, call);
                exchange.setProperty(JobMojitoRoutes.TOKEN, token);
            });
        } finally {
            metrics.callEnded();
        }
        Exception failure = result.getException();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (failure != null) {
            metrics.request(call.path(), failure.getClass().getSimpleName(), took);
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CallFailedException(failure);
        }
        HttpAnswer answer = result.getMessage().getBody(HttpAnswer.class);
        metrics.request(call.path(), (answer.status() / 100) + "xx", took);
        return answer;
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    Long retryAfterMillis(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(clock.instant(), at).toMillis());
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
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
