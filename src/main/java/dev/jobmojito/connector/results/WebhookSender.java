package dev.jobmojito.connector.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the webhook delivery route ({@link ResultRoutes}): delivers the webhook outbox in order, one result per request, signed at each attempt (a fresh timestamp, the
 * same message id, so receivers can drop repeats). A result leaves the outbox when the receiver answered 2xx,
 * or when it refused it for good (a 4xx other than 408 and 429: retrying the same body cannot help): that result
 * is parked in {@code webhook-dead-letters/} beside the outbox with the answer, and the results after it go on.
 * On any other failure (unreachable, 5xx, 408, 429) the round stops and the next one waits longer (doubling, up
 * to 30 times the retry delay); a success brings the delay back.
 */
public final class WebhookSender {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_BACKOFF_FACTOR = 30;

    private final WebhookOutbox outbox;
    /** Exchange property of the delivery route: the {@link Delivery} under way. */
    private static final String DELIVERING = "connectorWebhookDelivery";

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
     * Whether a round goes on: a result waits in the outbox and the last failure is longer ago than the back-off.
     * The loop's condition; it changes nothing (Camel evaluates it on a copy of the exchange).
     */
    public synchronized boolean due() {
        return !clock.instant().isBefore(nextRound) && !pending().isEmpty();
    }

    /**
     * Puts the oldest result of the outbox on the message as exactly the signed request: JSON body,
     * {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; signed anew at each attempt, with
     * the same message id.
     *
     * @throws UncheckedIOException when the outbox file cannot be read
     */
    public synchronized void prepare(Exchange exchange) {
        exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        Path file = pending().get(0);
        String body;
        try {
            body = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String id = WebhookOutbox.messageId(file);
        long timestamp = clock.instant().getEpochSecond();
        var message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("webhook-id", id);
        message.setHeader("webhook-timestamp", Long.toString(timestamp));
        message.setHeader("webhook-signature", signer.sign(id, timestamp, body));
        message.setBody(body.getBytes(StandardCharsets.UTF_8));
        exchange.setProperty(DELIVERING, new Delivery(file, id, body));
    }

    /**
     * The receiver's answer to the delivery {@link #prepare} made (or the exception that stopped it): 2xx
     * removes the result from the outbox, a refusal for good parks it, anything else ends the round and backs off.
     */
    public synchronized void answered(Exchange exchange) {
        Delivery delivery = exchange.getProperty(DELIVERING, Delivery.class);
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (error != null) {
            failed("the receiver is unreachable (" + error.getClass().getSimpleName() + ")");
            return;
        }
        int status = exchange.getIn().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            park(delivery.file(), delivery.id(), status, exchange.getIn().getBody(String.class), delivery.body());
            backoff = 1;
            return;
        }
        if (status < 200 || status >= 300) {
            failed("the receiver answered " + status);
            return;
        }
        try {
            Files.deleteIfExists(delivery.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backoff = 1;
    }

    private void failed(String failure) {
        // the loop stops: due() is false until the back-off has passed
        LOG.warn("Result webhook: {} (retrying in {}s; {} results waiting)", failure,
                retryDelay.multipliedBy(backoff).toSeconds(), pending().size());
        nextRound = clock.instant().plus(retryDelay.multipliedBy(backoff));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_FACTOR);
    }

    /** One result on its way: the outbox file, its message id and the body sent. */
    private record Delivery(Path file, String id, String body) {
    }

    /** Where results the receiver refused for good are kept, with its answer. */
    public Path deadLetters() {
        return outbox.folder().resolveSibling("webhook-dead-letters");
    }

    private void park(Path file, String id, int status, String answer, String body) {
        ObjectNode letter = Json.object();
        letter.put("webhook_id", id);
        letter.put("refused_at", clock.instant().toString());
        letter.put("http_status", status);
        String text = answer == null ? "" : answer;
        letter.put("answer", text.length() > 2000 ? text.substring(0, 2000) + "..." : text);
        try {
            letter.set("result", Json.MAPPER.readTree(body));
            Path folder = Files.createDirectories(deadLetters());
            Path temporary = folder.resolve("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, Json.write(letter), StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.error("Result webhook: the receiver refused {} with HTTP {}; parked in {} (the results after it go on)",
                id, status, deadLetters());
    }

    public List<Path> pending() {
        if (!Files.isDirectory(outbox.folder())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox.folder())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
