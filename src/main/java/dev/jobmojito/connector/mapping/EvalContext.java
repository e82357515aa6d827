package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a path can see while one job is mapped: the current node ({@code $}: the record, or a question item),
 * the record itself ({@code $record}), the whole input document ({@code $doc}, null while streaming) and the
 * request fields made so far ({@code $request}; complete when questions are built).
 */
public record EvalContext(JsonNode current, JsonNode record, JsonNode document, JsonNode request) {

    public static EvalContext of(JsonNode record, JsonNode document, JsonNode request) {
        return new EvalContext(record, record, document, request);
    }

    public EvalContext withCurrent(JsonNode item) {
        return new EvalContext(item, record, document, request);
    }

    public JsonNode read(RecordPath path) {
        return switch (path.scope()) {
            case CURRENT -> path.read(current);
            case RECORD -> path.read(record);
            case DOCUMENT -> path.read(document);
            case REQUEST -> path.read(request);
        };
    }
}
