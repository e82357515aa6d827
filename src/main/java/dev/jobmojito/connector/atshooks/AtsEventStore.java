package dev.jobmojito.connector.atshooks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a webhook's application is kept before the ATS is answered 2xx: a file in the candidates inbox
 * ({@code <inbox>/<candidate mapping>/webhook-<ats>-<application>-<millis>-<random>.json}), the record in the shape
 * the candidate mapping reads. Written under a dot-name (which the inbox route skips), forced to disk, then renamed
 * into place in one step, so the inbox route never sees half a file and a crash after the 2xx loses nothing. Its
 * modification time is set back by the settle time and a minute: the file is complete when it appears, so the inbox
 * route need not wait for it to settle.
 */
public final class AtsEventStore {

    private final Path inbox;
    private final Duration settle;
    private final Clock clock;

    /**
     * @param inbox  the candidates inbox ({@code CONNECTOR_INVITATIONS_INBOX})
     * @param settle the drop folder's settle time ({@code CONNECTOR_FILE_SETTLE_TIME})
     */
    public AtsEventStore(Path inbox, Duration settle, Clock clock) {
        this.inbox = inbox;
        this.settle = settle;
        this.clock = clock;
    }

    /**
     * Stores one application record durably.
     *
     * @param mapping       the candidate mapping's name: the inbox's sub-folder
     * @param ats           the ATS, for the file's name
     * @param applicationId the application's id, for the file's name (cleaned to {@code [A-Za-z0-9_-]})
     * @param content       the file's content (the record, as the mapping reads it)
     * @return the stored file
     * @throws IOException when the file could not be written and forced to disk (the ATS then gets a 503)
     */
    public Path store(String mapping, String ats, String applicationId, byte[] content) throws IOException {
        Path folder = inbox.resolve(mapping);
        Files.createDirectories(folder);
        Instant now = clock.instant();
        String name = "webhook-" + ats + "-" + clean(applicationId) + "-" + now.toEpochMilli() + "-"
                + UUID.randomUUID().toString().substring(0, 8) + ".json";
        Path temporary = folder.resolve(".writing-" + name);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        // a minute more than the settle time: the inbox route's read lock may hold a settle time read elsewhere
        Files.setLastModifiedTime(temporary, FileTime.from(now.minus(settle).minusSeconds(60)));
        Path target = folder.resolve(name);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target);
        }
        forceFolder(folder);
        return target;
    }

    /** The rename itself made durable, where the platform allows opening a folder (not on Windows). */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the file's own content is on disk already
        }
    }

    private static String clean(String id) {
        String cleaned = id == null ? "unknown" : id.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }
}
