package dev.jobmojito.connector.interviewresults;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * What the receiving endpoint answers to one delivery of JobMojito's result webhook ({@code
 * ../shared/jobmojito-api.md} §5): checks the shared secret of the custom header (constant time), reads the
 * payload, stores the version ({@link ReceivedResults#store}) and only then says 200. Counts every delivery in
 * {@code connector.interview.results.received{outcome}}.
 *
 * <ul>
 *   <li>401, nothing stored and nothing logged: the header is missing or wrong;</li>
 *   <li>400: the body is not a result payload (JobMojito would re-send it in vain, but it is its to fix);</li>
 *   <li>200 {@code stored}: a new version, processed from the store;</li>
 *   <li>200 {@code duplicate}: a re-delivery of a version already stored, never processed twice;</li>
 *   <li>200 {@code ignored}: an event not configured (CONNECTOR_INTERVIEW_RESULTS_EVENTS);</li>
 *   <li>503: the database did not take it: JobMojito delivers again later.</li>
 * </ul>
 */
public final class ResultWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(ResultWebhook.class);

    /** The answer: HTTP status and a small JSON body. */
    public record Receipt(int status, String body) {
        static Receipt of(int status, String outcome) {
            return new Receipt(status, "{\"outcome\":\"" + outcome + "\"}");
        }
    }

    private final byte[] secret;
    private final Set<String> events;
    private final ReceivedResults store;
    private final MeterRegistry meters;

    /**
     * @param secret the shared secret JobMojito sends in the custom header
     * @param events the events to process ({@link ResultPayload#EVENTS}), comma-separated
     */
    public ResultWebhook(String secret, String events, ReceivedResults store, MeterRegistry meters) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.events = events(events);
        this.store = store;
        this.meters = meters;
    }

    /** The events of a comma-separated list, checked against {@link ResultPayload#EVENTS}. */
    static Set<String> events(String list) {
        Set<String> events = Arrays.stream((list == null || list.isBlank() ? "interview_result" : list).split(","))
                .map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty()).collect(Collectors.toSet());
        for (String event : events) {
            if (!ResultPayload.EVENTS.contains(event)) {
                throw new dev.jobmojito.connector.system.ConfigurationException("CONNECTOR_INTERVIEW_RESULTS_EVENTS: "
                        + "unknown event " + event + " (known: interview_result, interview_collected, interview_failed)");
            }
        }
        return events;
    }

    /**
     * Answers one delivery.
     *
     * @param presented the custom header's value as received; null when absent
     * @param event     the {@code ?event=} of the webhook URL, when JobMojito is configured with one URL per event;
     *                  null to tell the event from the payload
     * @param body      the request body
     */
    public Receipt receive(String presented, String event, String body) {
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret)) {
            count("unauthorized");
            return Receipt.of(401, "unauthorized");
        }
        ResultPayload result;
        try {
            result = ResultPayload.read(body, event);
        } catch (IllegalArgumentException e) {
            count("invalid");
            // the message may quote the URL's ?event=: escaped and cut, one log line whatever it holds
            String why = dev.jobmojito.connector.common.FileNames.printable(e.getMessage());
            LOG.warn("An interview result delivery was refused (400): {}",
                    why.length() > 200 ? why.substring(0, 200) + "..." : why);
            return Receipt.of(400, "invalid");
        }
        if (!events.contains(result.event())) {
            count("ignored");
            return Receipt.of(200, "ignored");
        }
        try {
            ReceivedResults.Stored stored = store.store(result, "webhook");
            String outcome = stored == ReceivedResults.Stored.NEW ? "stored" : "duplicate";
            count(outcome);
            LOG.debug("Interview result {} version {}: {}", result.resultId(), result.version(), outcome);
            return Receipt.of(200, outcome);
        } catch (DataAccessException e) {
            count("not_stored");
            LOG.warn("An interview result could not be stored (503, JobMojito delivers it again): {}",
                    e.getMostSpecificCause().getClass().getSimpleName());
            return Receipt.of(503, "not_stored");
        }
    }

    /** Whether the event is one the connector processes. */
    public boolean wanted(String event) {
        return events.contains(event);
    }

    private void count(String outcome) {
        Counter.builder("connector.interview.results.received").description("Interview result deliveries received")
                .tag("outcome", outcome).register(meters).increment();
    }
}
