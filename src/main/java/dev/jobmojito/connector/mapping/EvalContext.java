package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a path can see while one job is mapped: the current node ({@code $}: the record, or a question item),
 * the record itself ({@code $record}) and the whole input document ({@code $doc}, null while streaming).
 */
public record EvalContext(JsonNode current, JsonNode record, JsonNode document) {

    public static EvalContext of(JsonNode record, JsonNode document) {
        return new EvalContext(record, record, document);
    }

    public EvalContext withCurrent(JsonNode item) {
        return new EvalContext(item, record, document);
    }

    public JsonNode read(RecordPath path) {
        return switch (path.scope()) {
            case CURRENT -> path.read(current);
            case RECORD -> path.read(record);
            case DOCUMENT -> path.read(document);
        };
    }
}
