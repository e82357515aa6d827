package dev.jobmojito.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** JobMojito's published JSON Schema for create-from-array requests (draft 2020-12), as a test oracle. */
public final class PublishedSchema {

    private static final Schema REQUEST = load("/jobmojito-openapi/create-from-array.schema.json");

    private PublishedSchema() {
    }

    /** Every violation of the published request schema; empty when the body conforms. */
    public static List<String> violations(JsonNode body) {
        return REQUEST.validate(Json.write(body), InputFormat.JSON).stream().map(Object::toString).toList();
    }

    private static Schema load(String resource) {
        try (InputStream in = PublishedSchema.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
