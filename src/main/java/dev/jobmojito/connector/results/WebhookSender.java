package dev.jobmojito.connector.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The steps of the webhook delivery route ({@link ResultRoutes}): delivers the webhook outbox (a table shared by
 * every replica, see {@link WebhookOutbox}) oldest first, one result per request, signed at each attempt (a fresh
 * timestamp, the same message id, so receivers can drop repeats). Each result is {@link WebhookOutbox#claim
 * claimed} before it is sent, so two replicas never send the same one at once. A result leaves the outbox when
 * the receiver answered 2xx, or when it refused it for good (a 4xx other than 408 and 429: retrying the same body
 * cannot help): that result is parked as a dead letter of kind {@code webhook} with the answer, and the results
 * after it go on. On any other failure (unreachable, 5xx, 408, 429) the round stops and this replica's next one
 * waits longer (doubling, up to 30 times the retry delay); a success brings the delay back.
 */
public final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_BACKOFF_FACTOR = 30;
    /** Exchange property of the delivery route: the {@link WebhookOutbox.Claim} under way. */
    public static final String DELIVERING = "connectorWebhookDelivery";
    /** Exchange property of the delivery route: true once a round found nothing it could claim. */
    private static final String NOTHING_LEFT = "connectorWebhookNothingLeft";

    private final WebhookOutbox outbox;
    private final StandardWebhooks signer;
    private final Duration retryDelay;
    private final Clock clock;
    private Instant nextRound = Instant.EPOCH;
    private int backoff = 1;

    public WebhookSender(WebhookOutbox outbox, StandardWebhooks signer, Duration retryDelay, Clock clock) {
        this.outbox = outbox;
        this.signer = signer;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    /**
     * Whether a round goes on: the last failure is longer ago than the back-off, and the round's last claim
     * found a result ({@code nothingLeft}: the exchange property set by {@link #prepare}). The loop's condition;
     * it changes nothing.
     */
    public synchronized boolean due(@ExchangeProperty(NOTHING_LEFT) Boolean nothingLeft) {
        return !Boolean.TRUE.equals(nothingLeft) && !clock.instant().isBefore(nextRound);
    }

    /**
     * Claims the oldest result of the outbox that no other delivery holds and puts it on the message as exactly
     * the signed request: JSON body, {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature};
     * signed anew at each attempt, with the same message id. The claim is the exchange property
     * {@value #DELIVERING}; when there is nothing to claim (or the database cannot be reached, which is logged
     * and backed off like a failed delivery) the property is absent and the round ends. A claim still open when
     * the exchange completes is released, its row unchanged.
     */
    public synchronized void prepare(Exchange exchange) {
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        exchange.removeProperty(DELIVERING);
        Optional<WebhookOutbox.Claim> claimed;
        try {
            claimed = outbox.claim();
        } catch (DataAccessException e) {
            backOff("the outbox cannot be read from the ledger database ("
                    + SecretRegistry.mask(String.valueOf(e.getMostSpecificCause().getMessage())) + ")", -1);
            exchange.setProperty(NOTHING_LEFT, true);
            return;
        }
        if (claimed.isEmpty()) {
            exchange.setProperty(NOTHING_LEFT, true);
            return;
        }
        WebhookOutbox.Claim claim = claimed.get();
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                claim.close();
            }
        });
        long timestamp = clock.instant().getEpochSecond();
        var message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", claim.webhookId());
        message.setHeader("webhook-timestamp", Long.toString(timestamp));
        message.setHeader("webhook-signature", signer.sign(claim.webhookId(), timestamp, claim.body()));
        message.setBody(claim.body().getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(DELIVERING, claim);
    }

    /**
     * The receiver's answer to the delivery {@link #prepare} made (or the exception that stopped it): 2xx
     * removes the result from the outbox, a refusal for good parks it, anything else leaves it in its place,
     * ends the round and backs off. The claim ends here.
     *
     * @throws DataAccessException when the database does not take the outcome (the result stays queued and is
     *                             sent again, with the same id)
     */
    public synchronized void answered(Exchange exchange) {
        WebhookOutbox.Claim claim = exchange.getProperty(DELIVERING, WebhookOutbox.Claim.class);
        exchange.removeProperty(DELIVERING);
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        try {
            if (error != null) {
                failed(claim, "the receiver is unreachable (" + error.getClass().getSimpleName() + ")");
                return;
            }
            int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                park(claim, status, exchange.getIn().getBody(String.class));
                backoff = 1;
                return;
            }
            if (status < 200 || status >= 300) {
                failed(claim, "the receiver answered " + status);
                return;
            }
            claim.delivered();
            backoff = 1;
        } finally {
            claim.close();
        }
    }

    private void failed(WebhookOutbox.Claim claim, String failure) {
        try {
            claim.failed(failure);
        } catch (DataAccessException e) {
            LOG.debug("the failed delivery of {} could not be noted", claim.webhookId(), e);
        }
        backOff(failure, outbox.pending());
    }

    private void backOff(String failure, long waiting) {
        // the loop stops: due() is false until the back-off has passed
        LOG.warn("Result webhook: {} (retrying in {}s{})", failure, retryDelay.multipliedBy(backoff).toSeconds(),
                waiting < 0 ? "" : "; " + waiting + " results waiting");
        nextRound = clock.instant().plus(retryDelay.multipliedBy(backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_FACTOR);
    }

    private void park(WebhookOutbox.Claim claim, int status, String answer) {
        ObjectNode letter = Json.object();
        letter.put("webhook_id", claim.webhookId());
        letter.put("refused_at", clock.instant().toString());
        letter.put("http_status", status);
        String text = answer == null ? "" : answer;
        letter.put("answer", text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        try {
            letter.set("result", Json.MAPPER.readTree(claim.body()));
        } catch (IOException e) {
            letter.put("result_text", claim.body());
        }
        claim.refused(letter);
        LOG.error("Result webhook: the receiver refused {} with HTTP {}; parked as a dead letter of kind webhook in"
                + " the ledger database (the results after it go on)", claim.webhookId(), status);
    }

    /** Results waiting in the outbox, on every replica. */
    public long pending() {
        return outbox.pending();
    }
}
