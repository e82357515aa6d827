package dev.jobmojito.connector.results;

import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Converter;
import org.apache.camel.TypeConverters;

/**
 * A {@link JobResult} becomes the JSON line of the results file (secrets masked) wherever a sink's endpoint
 * wants text or bytes: a file, a queue, an HTTP body, {@code ${bodyAs(String)}}. So a sink route needs no
 * marshalling step to write what the results file holds.
 */
public final class ResultConverters implements TypeConverters {

    /** The result line, as in {@code results-YYYY-MM-DD.jsonl}, without the line break. */
    @Converter
    public static String toLine(JobResult result) {
        return SecretRegistry.mask(Json.write(result.toJson()));
    }

    @Converter
    public static byte[] toBytes(JobResult result) {
        return toLine(result).getBytes(StandardCharsets.UTF_8);
    }

    @Converter
    public static InputStream toStream(JobResult result) {
        return new ByteArrayInputStream(toBytes(result));
    }
}
