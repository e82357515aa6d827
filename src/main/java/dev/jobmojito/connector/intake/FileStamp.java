package dev.jobmojito.connector.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * A local file's size and modification time (milliseconds) when it was opened, to tell at the end whether the
 * file that would be moved is still the file that was read. Only local files have one: an SFTP file is read
 * from a downloaded copy that nothing else writes.
 *
 * @param path     the file
 * @param size     its size in bytes when opened
 * @param modified its last modification, epoch milliseconds, when opened
 */
record FileStamp(Path path, long size, long modified) {

    /** The stamp of the exchange's local file, or empty for a remote (downloaded) one. */
    static Optional<FileStamp> of(Exchange exchange) {
        if (exchange.getIn().getHeader("CamelFileHost") != null) {
            return Optional.empty();
        }
        String absolute = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (absolute == null) {
            return Optional.empty();
        }
        return read(Path.of(absolute));
    }

    private static Optional<FileStamp> read(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new FileStamp(path, attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True when the file was last changed less than {@code age} ago (by its time when opened). */
    boolean youngerThan(java.time.Duration age, java.time.Instant now) {
        return now.toEpochMilli() - modified < age.toMillis();
    }

    /** True when the file is no longer the one stamped: other size or time, or gone. */
    boolean changed() {
        return read(path).map(now -> now.size != size || now.modified != modified).orElse(true);
    }
}
