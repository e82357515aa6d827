package dev.jobmojito.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingLoader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Loads mappings and runs them over inputs, as the connector does, for tests. */
public final class TestMappings {

    public static final String TEMPLATE_ID = "681a489c-0f5d-4c19-8b1c-6ceadaad3793";

    private TestMappings() {
    }

    public static MappingLoader loader() {
        return loader(Map.of());
    }

    public static MappingLoader loader(Map<String, String> environment) {
        return new MappingLoader(name -> name.equals(MappingLoader.TEMPLATE_ID_VARIABLE) ? TEMPLATE_ID
                : environment.get(name));
    }

    public static Mapping bundled(String name) {
        return loader().load(Path.of("mappings", name + ".yaml"));
    }

    /** A mapping written inline; the built-in defaults fill what it leaves out. */
    public static Mapping inline(String yaml) {
        return loader().load("test", "test.yaml", new StringReader(yaml));
    }

    public static List<MappedJob> mapFile(Mapping mapping, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return mapStream(mapping, in, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<MappedJob> mapText(Mapping mapping, String content, String fileName) {
        return mapStream(mapping, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), fileName);
    }

    private static List<MappedJob> mapStream(Mapping mapping, InputStream in, String fileName) {
        List<MappedJob> jobs = new ArrayList<>();
        try (RecordStream records = RecordStreams.open(in, fileName, mapping)) {
            while (records.hasNext()) {
                InputRecord record = records.next();
                jobs.add(mapping.map(record.node(), record.document(), record.index()));
            }
        }
        return jobs;
    }

    /** Maps one record given as JSON text. */
    public static MappedJob mapRecord(Mapping mapping, String recordJson) {
        try {
            JsonNode record = Json.MAPPER.readTree(recordJson);
            return mapping.map(record, null, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
