package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job record read from an input.
 *
 * @param index    0-based position among the records of the input
 * @param node     the record as a tree
 * @param line     the line it starts on, for line-oriented formats (CSV, NDJSON); null otherwise
 * @param document the whole input document when the mapping reads {@code $doc}; null while streaming
 * @param problem  why this one record could not be read (a broken NDJSON line, a CSV row with too many cells);
 *                 null when it was read. The other records of the input go on regardless.
 */
public record InputRecord(int index, JsonNode node, Integer line, JsonNode document, String problem) {

    public static InputRecord of(int index, JsonNode node, Integer line, JsonNode document) {
        return new InputRecord(index, node, line, document, null);
    }

    public static InputRecord unreadable(int index, Integer line, String problem) {
        return new InputRecord(index, com.fasterxml.jackson.databind.node.MissingNode.getInstance(), line, null,
                problem);
    }
}
