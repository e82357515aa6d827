package dev.jobmojito.connector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Folders a test hands to the connector, made first (the drop folder must exist for it to start). */
public final class Folders {

    private Folders() {
    }

    /** Creates the folder and its parents; returns its path as a setting's value. */
    public static String created(Path folder) {
        try {
            return Files.createDirectories(folder).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
