package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.Reader;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document read into a Jackson tree that remembers the line of every node, so that each problem in a
 * mapping file can be reported as {@code file:line: message}.
 *
 * <p>Lines are keyed by JSON Pointer ({@code /fields/name}); node identity won't do because Jackson shares
 * small-number and boolean nodes.
 */
public final class LocatedYaml {

    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(JsonNode root, Map<String, Integer> lines) {
        this.root = root;
        this.lines = lines;
    }

    public JsonNode root() {
        return root;
    }

    /** The 1-based line of the node at {@code pointer}, or of its nearest located parent. */
    public int line(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 1;
            }
            p = p.substring(0, slash);
        }
    }

    /**
     * Parses one YAML document.
     *
     * @throws MappingException with the line of a syntax error or a repeated key
     */
    public static LocatedYaml parse(Reader reader, String file) {
        Node node;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowRecursiveKeys(false);
            options.setMaxAliasesForCollections(50);
            node = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new MappingException(List.of(new MappingError(file, line,
                    "YAML syntax: " + e.getProblem())));
        } catch (RuntimeException e) {
            throw new MappingException(List.of(new MappingError(file, 1, "YAML syntax: " + e.getMessage())));
        }
        Map<String, Integer> lines = new HashMap<>();
        if (node == null) {
            return new LocatedYaml(Json.object(), lines);
        }
        Converter converter = new Converter(file, lines);
        JsonNode root = converter.convert(node, "");
        if (!converter.errors.isEmpty()) {
            throw new MappingException(converter.errors);
        }
        return new LocatedYaml(root, lines);
    }

    /** Escapes a key for use as a JSON Pointer segment. */
    public static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static final class Converter {
        private final String file;
        private final Map<String, Integer> lines;
        private final List<MappingError> errors = new java.util.ArrayList<>();

        Converter(String file, Map<String, Integer> lines) {
            this.file = file;
            this.lines = lines;
        }

        JsonNode convert(Node node, String pointer) {
            lines.put(pointer, node.getStartMark().getLine() + 1);
            if (node instanceof MappingNode mapping) {
                ObjectNode object = Json.object();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue()
                            : String.valueOf(tuple.getKeyNode());
                    String child = pointer + "/" + segment(key);
                    if (object.has(key)) {
                        errors.add(new MappingError(file, tuple.getKeyNode().getStartMark().getLine() + 1,
                                "key \"" + key + "\" appears twice in the same block"));
                        continue;
                    }
                    object.set(key, convert(tuple.getValueNode(), child));
                    // the key's line is the one an engineer looks for
                    lines.put(child, tuple.getKeyNode().getStartMark().getLine() + 1);
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = Json.NODES.arrayNode();
                int i = 0;
                for (Node item : sequence.getValue()) {
                    array.add(convert(item, pointer + "/" + i++));
                }
                return array;
            }
            return scalar((ScalarNode) node);
        }

        private static JsonNode scalar(ScalarNode scalar) {
            String text = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.NULL.equals(tag)) {
                    return Json.NODES.nullNode();
                }
                if (Tag.BOOL.equals(tag)) {
                    // YAML 1.2: only true and false are booleans; yes, no, on, off stay text, so the language
                    // code "no" (Norwegian) or a CSV value "yes" means what it says
                    return text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                            ? Json.NODES.booleanNode(text.equalsIgnoreCase("true")) : Json.NODES.textNode(text);
                }
                if (Tag.INT.equals(tag)) {
                    BigInteger value = new BigInteger(text.replace("_", ""));
                    return value.bitLength() < 32 ? Json.NODES.numberNode(value.intValue())
                            : value.bitLength() < 64 ? Json.NODES.numberNode(value.longValue())
                            : Json.NODES.numberNode(value);
                }
                if (Tag.FLOAT.equals(tag)) {
                    return Json.NODES.numberNode(Double.parseDouble(text.replace("_", "")));
                }
            } catch (NumberFormatException e) {
                return Json.NODES.textNode(text);
            }
            return Json.NODES.textNode(text);
        }
    }
}
