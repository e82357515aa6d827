package dev.jobmojito.connector.writeback;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The write-back's own settings ({@code connector.writeback.*}, README "Configuration"). The shipped targets'
 * accounts ({@code connector.writeback.lever.*}, {@code .workable.*}, {@code .greenhouse.*}) are read by their route
 * files ({@code routes/writeback-<target>.camel.yaml}), not here.
 *
 * @param defaultTarget the target of a result whose source has no configured target ({@code folder}: the local
 *                      stand-in, so the demo needs no ATS account)
 * @param folder        where the local stand-in writes notes ({@code <folder>/<source>/<application>/...md})
 * @param mappings      the folder of result mappings ({@code <source>.yaml}, {@code default.yaml})
 */
@ConfigurationProperties("connector.writeback")
public record WritebackProperties(String defaultTarget, Path folder, Path mappings) {

    public WritebackProperties {
        defaultTarget = defaultTarget == null || defaultTarget.isBlank() ? "folder" : defaultTarget.strip();
        folder = folder == null ? Path.of("data/ats-notes") : folder;
        mappings = mappings == null ? Path.of("mappings/results") : mappings;
    }
}
