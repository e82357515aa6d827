package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Prepares requests to JobMojito and reads its answers, for the {@code jobmojito-*} routes. The only place that
 * decides what an answer means (created, rejected, retry, token refused), so every route agrees.
 */
public final class JobMojitoCalls {

    /** Exchange property: the request body to send (an ObjectNode). */
    public static final String REQUEST = "connectorRequest";
    /** Exchange property: the {@link CallOutcome} once JobMojito gave a final answer. */
    public static final String OUTCOME = "connectorOutcome";
    /** Exchange property: how many times the request was sent. */
    public static final String ATTEMPTS = "connectorAttempts";

    private final JobMojitoEndpoint endpoint;
    private final Clock clock;

    public JobMojitoCalls(JobMojitoEndpoint endpoint, Clock clock) {
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** Replaces the message with exactly the request: no stray header of the pipeline reaches JobMojito. */
    public void prepare(Exchange exchange) {
        ObjectNode request = exchange.getProperty(REQUEST, ObjectNode.class);
        Message message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader("Authorization", "Bearer " + endpoint.token().current());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setBody(Json.write(request).getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
    }

    /** Reads the answer to a create: created, rejected, or an exception saying retry or stop. */
    public void readCreated(Exchange exchange) {
        Message message = exchange.getIn();
        message.removeHeader("Authorization");
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        if (status >= 200 && status < 300) {
            JsonNode answer = parse(body);
            JsonNode id = answer == null ? null : answer.get("interview_def_set_id");
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                // the interview may exist without us knowing its id: a retry could duplicate it, so this is
                // retried only after reconciliation (see the delivery rules)
                throw new RetryableCallException("JobMojito answered " + status + " without interview_def_set_id: "
                        + abbreviate(body), status, null);
            }
            exchange.setProperty(OUTCOME, CallOutcome.accepted(id.textValue(), status));
            return;
        }
        classifyFailure(exchange, status, body);
    }

    private void classifyFailure(Exchange exchange, int status, String body) {
        Long retryAfter = retryAfterMillis(exchange.getIn().getHeader("Retry-After", String.class));
        if (status == 401) {
            throw new TokenRefusedException("JobMojito refused the API token (401) from " + endpoint.token().origin()
                    + ": it is missing, malformed, expired or signed out");
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetryableCallException("JobMojito answered " + status + ": " + abbreviate(body), status,
                    retryAfter);
        }
        JsonNode error = parse(body);
        if (error == null || !error.isObject() || !error.has("error")) {
            ObjectNode wrapped = Json.object();
            wrapped.put("error", body == null || body.isBlank() ? "HTTP " + status : abbreviate(body));
            error = wrapped;
        }
        exchange.setProperty(OUTCOME, CallOutcome.rejected(error, status));
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
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    static String abbreviate(String body) {
        if (body == null) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 297) + "..." : flat;
    }
}
