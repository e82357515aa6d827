package dev.jobmojito.connector.common;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The one Jackson 2 mapper of the connector. Jackson 2 because Jayway JsonPath and camel-jackson speak it;
 * Spring Boot 4's own Jackson 3 mapper never touches request bodies, so what we send is exactly what we build.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // ATS exports carry long HTML descriptions; the default 20 MB string limit is kept,
                    // nesting is bounded so a hostile file cannot blow the stack.
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String writePretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Short, single-line rendering of a value for error messages: strings quoted, long values cut. */
    public static String brief(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.isTextual() ? '"' + value.textValue() + '"' : write(value);
        text = text.replace('\n', ' ').replace('\r', ' ');
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
