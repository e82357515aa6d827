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
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the webhook outbox in order, one result per request, signed at each attempt (a fresh timestamp, the
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
    private final ProducerTemplate producer;
    private final StandardWebhooks signer;
    private final Duration retryDelay;
    private final Clock clock;
    private Instant nextRound = Instant.EPOCH;
    private int backoff = 1;

    public WebhookSender(WebhookOutbox outbox, ProducerTemplate producer, StandardWebhooks signer,
                         Duration retryDelay, Clock clock) {
        this.outbox = outbox;
        this.producer = producer;
        this.signer = signer;
        this.retryDelay = retryDelay;
        this.clock = clock;
    }

    /** One round: sends what is waiting until the outbox is empty or a delivery fails. */
    public synchronized void deliverPending() {
        if (clock.instant().isBefore(nextRound)) {
            return;
        }
        for (Path file : pending()) {
            String failure = deliver(file);
            if (failure != null) {
                LOG.warn("Result webhook: {} (retrying in {}s; {} results waiting)", failure,
                        retryDelay.multipliedBy(backoff).toSeconds(), pending().size());
                nextRound = clock.instant().plus(retryDelay.multipliedBy(backoff));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_FACTOR);
                return;
            }
        }
        backoff = 1;
    }

    /** Delivers one result; returns why it failed, or null when it was delivered and removed. */
    private String deliver(Path file) {
        String body;
        try {
            body = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "cannot read " + file + ": " + e.getMessage();
        }
        String id = WebhookOutbox.messageId(file);
        long timestamp = clock.instant().getEpochSecond();
        Exchange result = producer.send("direct:results-webhook-post", exchange -> {
            var message = exchange.getIn();
            message.removeHeaders("*");
            message.setHeader(Exchange.HTTP_METHOD, "POST");
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setHeader("webhook-id", id);
            message.setHeader("webhook-timestamp", Long.toString(timestamp));
            message.setHeader("webhook-signature", signer.sign(id, timestamp, body));
            message.setBody(body.getBytes(StandardCharsets.UTF_8));
        });
        if (result.getException() != null) {
            return "the receiver is unreachable (" + result.getException().getClass().getSimpleName() + ")";
        }
        int status = result.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            park(file, id, status, result.getMessage().getBody(String.class), body);
            return null;
        }
        if (status < 200 || status >= 300) {
            return "the receiver answered " + status;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
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
