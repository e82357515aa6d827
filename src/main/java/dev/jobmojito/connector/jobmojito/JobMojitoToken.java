package dev.jobmojito.connector.jobmojito;

import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The bearer token, from the environment or from a file that is read again whenever it changes, so a mounted
 * secret or an outside refresher can rotate short-lived tokens without a restart. The token is only ever
 * handed to the Authorization header; {@link #toString()} never shows it.
 */
public final class JobMojitoToken {

    private final String fixed;
    private final Path file;
    private FileTime readAt;
    private long readSize = -1;
    private String fromFile;

    private JobMojitoToken(String fixed, Path file) {
        this.fixed = fixed;
        this.file = file;
    }

    /**
     * A token that never changes (JOBMOJITO_API_TOKEN, or the sandbox's own).
     *
     * @param token the token; registered for masking
     * @return the token holder
     */
    public static JobMojitoToken of(String token) {
        SecretRegistry.register(token);
        return new JobMojitoToken(token, null);
    }

    /**
     * A token read from a file, again whenever the file changes; each content read is registered for masking.
     *
     * @param file the token file (JOBMOJITO_API_TOKEN_FILE); not read until the token is first needed
     * @return the token holder
     */
    public static JobMojitoToken fromFile(Path file) {
        return new JobMojitoToken(null, file);
    }

    /** The token to send now. */
    public synchronized String current() {
        if (file == null) {
            return fixed;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (fromFile == null || !modified.equals(readAt) || size != readSize) {
                fromFile = Files.readString(file, StandardCharsets.UTF_8).strip();
                SecretRegistry.register(fromFile);
                readAt = modified;
                readSize = size;
            }
            return fromFile;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the JobMojito token file " + file + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /**
     * Reads the token file again now (after a 401 the file may have just been rotated, within the same second
     * as the last read).
     *
     * @return true when the token changed, so a call refused with the old one is worth one more try
     */
    public synchronized boolean reload() {
        if (file == null) {
            return false;
        }
        String before = fromFile;
        fromFile = null;
        try {
            return !current().equals(before);
        } catch (IllegalStateException unreadable) {
            return false;
        }
    }

    /** Where the token comes from, for messages: never the token itself. */
    public String origin() {
        return file == null ? "JOBMOJITO_API_TOKEN" : "the token file " + file;
    }

    @Override
    public String toString() {
        return "JobMojitoToken[" + origin() + "]";
    }
}
