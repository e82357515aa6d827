package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CreateFromArrayContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** mappings/mapping.schema.json, the editors' view of the language, agrees with the loader. */
class MappingSchemaTest {

    private static final Path SCHEMA_FILE = Path.of("mappings/mapping.schema.json");

    private static JsonNode schemaTree() throws IOException {
        return Json.MAPPER.readTree(SCHEMA_FILE.toFile());
    }

    private static Schema schema() throws IOException {
        try (InputStream in = Files.newInputStream(SCHEMA_FILE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
        }
    }

    private static List<String> violations(String yaml) throws IOException {
        JsonNode tree = LocatedYaml.parse(new StringReader(yaml), "test.yaml").root();
        return schema().validate(Json.write(tree), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theSchemaKnowsExactlyTheFieldsQuestionFieldsAndTransformsOfTheLoader() throws IOException {
        JsonNode schema = schemaTree();
        assertThat(names(schema.at("/properties/fields/properties")))
                .containsExactlyElementsOf(CreateFromArrayContract.mappableFieldNames());
        Set<String> questionFields = names(schema.at("/definitions/question/properties"));
        questionFields.remove("when");
        assertThat(questionFields).containsExactlyElementsOf(CreateFromArrayContract.questionFieldNames());
        Set<String> transforms = new LinkedHashSet<>();
        schema.at("/definitions/transform/anyOf/0/enum").forEach(n -> transforms.add(n.asText()));
        transforms.addAll(names(schema.at("/definitions/transform/anyOf/1/properties")));
        assertThat(transforms).containsExactlyInAnyOrderElementsOf(Transform.NAMES);
        assertThat(names(schema.at("/definitions/valueRule/properties")))
                .containsExactlyInAnyOrderElementsOf(MappingLoader.VALUE_KEYS);
        assertThat(names(schema.at("/definitions/condition/properties")))
                .containsExactlyInAnyOrderElementsOf(MappingLoader.CONDITION_KEYS);
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(MappingLoader.TOP_KEYS);
    }

    @Test
    void everyBundledMappingConformsToTheSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                violations(Files.readString(file)).forEach(v -> problems.add(file + ": " + v));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theSchemaCatchesWhatAnEditorShouldUnderline() throws IOException {
        assertThat(violations("""
                fields:
                  nmae: $.title
                  description:
                    path: $.body
                    transform: [html_to_txt]
                questions:
                  - question: Why?
                """)).hasSizeGreaterThanOrEqualTo(2)
                .anySatisfy(v -> assertThat(v).contains("nmae"))
                .anySatisfy(v -> assertThat(v).contains("transform"));
    }
}
