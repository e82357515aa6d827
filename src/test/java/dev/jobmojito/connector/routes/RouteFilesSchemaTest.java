package dev.jobmojito.connector.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every route file in {@code routes/} is valid Camel YAML DSL by the JSON Schema that camel-yaml-dsl 4.22 ships
 * ({@code schema/camelYamlDsl.json}). A property placeholder ({@code "{{connector.sftp.enabled}}"}) stands where
 * the schema wants a boolean or a number: the runtime resolves it, and Camel's schema learned to allow it only
 * after 4.22, so a type error on a placeholder is the one violation let through.
 */
class RouteFilesSchemaTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyRouteFileIsValidCamelYamlDsl() throws IOException {
        Schema schema;
        try (InputStream in = RouteFilesSchemaTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(in).as("the schema shipped in camel-yaml-dsl").isNotNull();
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("routes"))) {
            files = listed.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            JsonNode routes = YAML.readTree(file.toFile());
            for (Error error : schema.validate(Json.write(routes), InputFormat.JSON)) {
                if (!isPlaceholderForAType(error)) {
                    problems.add(file + ": " + error);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltOptionIsFound() throws IOException {
        Schema schema;
        try (InputStream in = RouteFilesSchemaTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
        JsonNode routes = YAML.readTree("""
                - route:
                    id: x
                    from:
                      uri: file:inbox
                      stepz: []
                """);
        assertThat(schema.validate(Json.write(routes), InputFormat.JSON)).isNotEmpty();
    }

    private static boolean isPlaceholderForAType(Error error) {
        tools.jackson.databind.JsonNode value = error.getInstanceNode();
        return "type".equals(error.getKeyword()) && value != null && value.isString()
                && value.stringValue().contains("{{");
    }
}
