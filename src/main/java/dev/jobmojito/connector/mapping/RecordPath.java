package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import dev.jobmojito.connector.common.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath compiled once when the mapping is loaded.
 *
 * <p>Most paths in a mapping are plain navigation ({@code $.location.name}, {@code $.departments[0].name},
 * {@code $.questions[*]}); those are walked directly on the Jackson tree, which is several times faster than a
 * general evaluator. Anything else (filters, deep scan, slices, functions) goes to Jayway JsonPath.
 *
 * <p>A path starts at the current node ({@code $}), the job record ({@code $record}, useful inside question
 * items) or the whole input document ({@code $doc}, for ATS formats that keep related data beside the records).
 */
public final class RecordPath {

    /** Where a path starts. */
    public enum Scope { CURRENT, RECORD, DOCUMENT, REQUEST }

    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();

    private final String text;
    private final Scope scope;
    private final List<Segment> segments;
    private final JsonPath jayway;
    private final boolean definite;

    private RecordPath(String text, Scope scope, List<Segment> segments, JsonPath jayway, boolean definite) {
        this.text = text;
        this.scope = scope;
        this.segments = segments;
        this.jayway = jayway;
        this.definite = definite;
    }

    /**
     * Compiles a path.
     *
     * @throws IllegalArgumentException with a readable reason when the path is not valid JSONPath
     */
    public static RecordPath compile(String text) {
        String trimmed = text.trim();
        Scope scope;
        String body;
        if (trimmed.startsWith("$record")) {
            scope = Scope.RECORD;
            body = "$" + trimmed.substring("$record".length());
        } else if (trimmed.startsWith("$doc")) {
            scope = Scope.DOCUMENT;
            body = "$" + trimmed.substring("$doc".length());
        } else if (trimmed.startsWith("$request")) {
            scope = Scope.REQUEST;
            body = "$" + trimmed.substring("$request".length());
        } else if (trimmed.startsWith("$")) {
            scope = Scope.CURRENT;
            body = trimmed;
        } else {
            throw new IllegalArgumentException("a path must start with $, $record, $doc or $request");
        }
        checkBalanced(body);
        List<Segment> segments = parseSimple(body);
        if (segments != null) {
            boolean definite = segments.stream().noneMatch(s -> s.wildcard);
            return new RecordPath(trimmed, scope, segments, null, definite);
        }
        try {
            JsonPath compiled = JsonPath.compile(body);
            return new RecordPath(trimmed, scope, null, compiled, compiled.isDefinite());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(e.getMessage() == null ? "invalid JSONPath" : e.getMessage());
        }
    }

    /** A mapping value starting with {@code $} is a path, except a {@code ${VARIABLE}} placeholder. */
    public static boolean looksLikePath(String text) {
        return text.startsWith("$") && !text.startsWith("${");
    }

    public String text() {
        return text;
    }

    public Scope scope() {
        return scope;
    }

    /** True when the path names at most one node; false when it may give a list (wildcards, filters). */
    public boolean definite() {
        return definite;
    }

    /** The plain navigation steps, or null when the path needs the general evaluator. */
    List<Segment> segments() {
        return segments;
    }

    /**
     * Reads the path. A definite path gives the node or {@link MissingNode}; an indefinite one gives an array of
     * every match (possibly empty).
     */
    public JsonNode read(JsonNode start) {
        if (start == null) {
            return MissingNode.getInstance();
        }
        if (segments != null) {
            return definite ? walk(start) : collect(start);
        }
        Object result = jayway.read(start, JAYWAY);
        if (result instanceof JsonNode node) {
            return node;
        }
        return result == null ? MissingNode.getInstance() : Json.MAPPER.valueToTree(result);
    }

    private JsonNode walk(JsonNode start) {
        JsonNode node = start;
        for (Segment segment : segments) {
            node = segment.name != null ? node.get(segment.name) : node.get(segment.index);
            if (node == null) {
                return MissingNode.getInstance();
            }
        }
        return node;
    }

    private JsonNode collect(JsonNode start) {
        List<JsonNode> current = List.of(start);
        for (Segment segment : segments) {
            List<JsonNode> next = new ArrayList<>(current.size());
            for (JsonNode node : current) {
                if (segment.wildcard) {
                    node.elements().forEachRemaining(next::add);
                } else {
                    JsonNode child = segment.name != null ? node.get(segment.name) : node.get(segment.index);
                    if (child != null) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        ArrayNode matches = Json.NODES.arrayNode(current.size());
        current.forEach(matches::add);
        return matches;
    }

    /** One plain navigation step: a member name, an array index, or a wildcard. */
    record Segment(String name, int index, boolean wildcard) {
    }

    /** Jayway reads some unclosed paths ("$.title[") without complaint; a mapping must not. */
    private static void checkBalanced(String path) {
        int brackets = 0;
        int parens = 0;
        char quote = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '\'', '"' -> quote = c;
                case '[' -> brackets++;
                case ']' -> brackets--;
                case '(' -> parens++;
                case ')' -> parens--;
                default -> {
                    // other characters need no pairing
                }
            }
            if (brackets < 0 || parens < 0) {
                break;
            }
        }
        if (brackets != 0 || parens != 0 || quote != 0) {
            throw new IllegalArgumentException("unbalanced " + (quote != 0 ? "quote" : brackets != 0 ? "[ ]" : "( )"));
        }
    }

    /** Parses {@code $.a.b[0]['c d'][*]}; returns null for anything a plain walk can't do. */
    static List<Segment> parseSimple(String path) {
        List<Segment> segments = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                if (i + 1 < n && path.charAt(i + 1) == '.') {
                    return null; // deep scan
                }
                int start = ++i;
                if (i < n && path.charAt(i) == '*') {
                    segments.add(new Segment(null, -1, true));
                    i++;
                    continue;
                }
                while (i < n && isNameChar(path.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return null;
                }
                segments.add(new Segment(path.substring(start, i), -1, false));
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                String inside = path.substring(i + 1, close).trim();
                if (inside.equals("*")) {
                    segments.add(new Segment(null, -1, true));
                } else if (inside.matches("\\d{1,9}")) {
                    segments.add(new Segment(null, Integer.parseInt(inside), false));
                } else if (inside.length() >= 2 && inside.startsWith("'") && inside.endsWith("'")
                        && inside.indexOf('\'', 1) == inside.length() - 1) {
                    segments.add(new Segment(inside.substring(1, inside.length() - 1), -1, false));
                } else {
                    return null; // filters, slices, unions, negative indexes
                }
                i = close + 1;
            } else {
                return null;
            }
        }
        return segments;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '@' || c == '#' || c == ':';
    }

    @Override
    public String toString() {
        return text;
    }
}
