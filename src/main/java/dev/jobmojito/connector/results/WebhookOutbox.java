package dev.jobmojito.connector.results;

import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook sink: each result is first written to {@code <CONNECTOR_STATE>/webhook-outbox/} as the exact body
 * to deliver, named so that files sort in the order results were decided. {@link WebhookSender} delivers and
 * removes them; a receiver that is down for an hour finds every result waiting when it comes back.
 */
public final class WebhookOutbox {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final Path folder;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public WebhookOutbox(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    public void accept(JobResult result) {
        String name = STAMP.format(clock.instant()) + "-" + String.format("%08d", sequence.incrementAndGet() % 100_000_000)
                + "-msg_" + UUID.randomUUID().toString().replace("-", "") + ".json";
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve("." + name + ".tmp");
            Files.writeString(temporary, SecretRegistry.mask(Json.write(result.toJson())), StandardCharsets.UTF_8);
            Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new OutcomeNotRecordedException("cannot queue a result for the webhook in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** The message id of a queued file ({@code msg_...}), stable across delivery attempts. */
    static String messageId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.indexOf("msg_"), name.length() - ".json".length());
    }
}
