package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** A value of one job that a field's rules cannot turn into what the request needs. */
public class MappingFailure extends RuntimeException {

    private final transient JsonNode value;

    public MappingFailure(String message, JsonNode value) {
        super(message, null, false, false);
        this.value = value;
    }

    public JsonNode value() {
        return value;
    }
}
