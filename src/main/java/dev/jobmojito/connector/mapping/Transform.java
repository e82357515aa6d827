package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.JsonType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * One step of a field's {@code transform:} chain. Text steps applied to a list work on each element; list steps
 * ({@code join}, {@code first}, {@code split}) work on the whole value.
 */
public interface Transform {

    /** Every transform name a mapping may use, for load-time checks and suggestions. */
    List<String> NAMES = List.of("trim", "lowercase", "uppercase", "html_to_text", "html_to_markdown", "truncate",
            "replace", "extract", "lookup", "join", "split", "first", "string", "number", "integer", "boolean",
            "detect_language");

    JsonNode apply(JsonNode value);

    /**
     * Builds a transform from its name and arguments (null when it takes none).
     *
     * @throws IllegalArgumentException naming what is wrong with the arguments
     */
    static Transform of(String name, JsonNode args) {
        return switch (name) {
            case "trim" -> text(args, name, String::strip);
            case "lowercase" -> text(args, name, s -> s.toLowerCase(Locale.ROOT));
            case "uppercase" -> text(args, name, s -> s.toUpperCase(Locale.ROOT));
            case "html_to_text" -> html(args, name, HtmlText::toText, HtmlText::sectionToText);
            case "html_to_markdown" -> html(args, name, HtmlText::toMarkdown, HtmlText::sectionToMarkdown);
            case "truncate" -> truncate(args);
            case "replace" -> replace(args);
            case "extract" -> extract(args);
            case "lookup" -> Lookup.of(args);
            case "join" -> join(args);
            case "split" -> split(args);
            case "first" -> noArgs(args, name, v -> v.isArray() ? (v.isEmpty() ? MissingNode.getInstance()
                    : v.get(0)) : v);
            case "string" -> elementwise(noArgs(args, name, v -> Coercion.to(JsonType.STRING, v)));
            case "number" -> elementwise(noArgs(args, name, v -> Coercion.to(JsonType.NUMBER, v)));
            case "integer" -> elementwise(noArgs(args, name, v -> Coercion.to(JsonType.INTEGER, v)));
            case "boolean" -> elementwise(noArgs(args, name, v -> Coercion.to(JsonType.BOOLEAN, v)));
            case "detect_language" -> noArgs(args, name, v -> {
                String guess = LanguageGuess.guess(HtmlText.toText(v.isArray() ? Values.text(join(null).apply(v))
                        : Values.text(v)));
                return guess == null ? MissingNode.getInstance() : Json.NODES.textNode(guess);
            });
            default -> throw new IllegalArgumentException("unknown transform \"" + name + "\"");
        };
    }

    private static Transform noArgs(JsonNode args, String name, Transform transform) {
        if (args != null && !args.isNull()) {
            throw new IllegalArgumentException(name + " takes no arguments");
        }
        return transform;
    }

    /** Applies a scalar transform to each element of a list, leaving absent values absent. */
    private static Transform elementwise(Transform scalar) {
        return value -> {
            if (value.isMissingNode() || value.isNull()) {
                return value;
            }
            if (!value.isArray()) {
                return scalar.apply(value);
            }
            ArrayNode out = Json.NODES.arrayNode(value.size());
            for (JsonNode element : value) {
                out.add(scalar.apply(element));
            }
            return out;
        };
    }

    private static Transform text(JsonNode args, String name, UnaryOperator<String> operation) {
        return elementwise(noArgs(args, name, v -> v.isValueNode()
                ? Json.NODES.textNode(operation.apply(Values.text(v))) : v));
    }

    /**
     * {@code html_to_text} and {@code html_to_markdown}: the whole document, or with {@code {section: <regex>}}
     * what stands under the first heading whose title the regex finds (nothing when none does). Both remember
     * their last input and result: a mapping converts the same description for several fields.
     */
    private static Transform html(JsonNode args, String name, UnaryOperator<String> whole,
                                  java.util.function.BiFunction<String, com.google.re2j.Pattern, String> section) {
        if (args == null || args.isNull()) {
            return text(null, name, remembered(whole));
        }
        if (!args.isObject() || !args.path("section").isTextual()) {
            throw new IllegalArgumentException(name + " takes no arguments, or {section: <regex of a heading's "
                    + "title>}");
        }
        checkKeys(args, name, "section");
        com.google.re2j.Pattern heading = regex(args.get("section").textValue());
        UnaryOperator<String> under = remembered(html -> section.apply(html, heading));
        return elementwise(v -> {
            if (!v.isValueNode()) {
                return v;
            }
            String result = under.apply(Values.text(v));
            return result == null || result.isEmpty() ? MissingNode.getInstance() : Json.NODES.textNode(result);
        });
    }

    private static Transform truncate(JsonNode args) {
        int limit;
        String ellipsis = Truncation.ELLIPSIS;
        if (args != null && args.isInt()) {
            limit = args.intValue();
        } else if (args != null && args.isObject() && args.path("length").isInt()) {
            limit = args.get("length").intValue();
            if (args.has("ellipsis")) {
                ellipsis = args.get("ellipsis").asText();
            }
            checkKeys(args, "truncate", "length", "ellipsis");
        } else {
            throw new IllegalArgumentException("truncate needs a length: {truncate: 300} or "
                    + "{truncate: {length: 300, ellipsis: \"...\"}}");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("truncate length must be at least 1");
        }
        int length = limit;
        String end = ellipsis;
        return text(null, "truncate", s -> Truncation.truncate(s, length, end));
    }


    private static Transform replace(JsonNode args) {
        if (args == null || !args.isObject() || !args.path("pattern").isTextual()) {
            throw new IllegalArgumentException("replace needs {pattern: <regex>, with: <text>}");
        }
        checkKeys(args, "replace", "pattern", "with");
        com.google.re2j.Pattern pattern = regex(args.get("pattern").textValue());
        String replacement = args.path("with").asText("");
        return text(null, "replace", remembered(s -> pattern.matcher(s).replaceAll(replacement)));
    }

    /**
     * A text operation that remembers its last input and result on each thread, by identity. A mapping often
     * runs the same chain over the same value for two fields (csv.yaml turns the requirements column into a
     * list for the long description and again for the candidate expectations): the second run is a comparison.
     */
    private static UnaryOperator<String> remembered(UnaryOperator<String> operation) {
        ThreadLocal<String[]> last = ThreadLocal.withInitial(() -> new String[2]);
        return text -> {
            String[] memo = last.get();
            if (memo[0] != text) {
                String result = operation.apply(text);
                memo[0] = text;
                memo[1] = result;
            }
            return memo[1];
        };
    }

    private static Transform extract(JsonNode args) {
        if (args == null || !(args.isTextual() || args.isObject() && args.path("pattern").isTextual())) {
            throw new IllegalArgumentException("extract needs a regex: {extract: <regex>} or "
                    + "{extract: {pattern: <regex>, group: 1}}");
        }
        com.google.re2j.Pattern pattern = regex(args.isTextual() ? args.textValue()
                : args.get("pattern").textValue());
        if (args.isObject()) {
            checkKeys(args, "extract", "pattern", "group");
        }
        int groupCount = pattern.matcher("").groupCount();
        int group = args.isObject() && args.has("group") ? args.get("group").asInt() : (groupCount > 0 ? 1 : 0);
        if (group > groupCount) {
            throw new IllegalArgumentException("extract group " + group + " but the pattern has " + groupCount);
        }
        return elementwise(v -> {
            if (!v.isValueNode()) {
                return v;
            }
            com.google.re2j.Matcher matcher = pattern.matcher(Values.text(v));
            return matcher.find() && matcher.group(group) != null ? Json.NODES.textNode(matcher.group(group))
                    : MissingNode.getInstance();
        });
    }

    private static Transform join(JsonNode args) {
        String separator = args == null || args.isNull() ? ", " : args.asText();
        return value -> {
            if (!value.isArray()) {
                return value;
            }
            StringBuilder joined = new StringBuilder();
            for (JsonNode element : value) {
                if (!Values.isEmpty(element)) {
                    if (!joined.isEmpty()) {
                        joined.append(separator);
                    }
                    joined.append(Values.text(element));
                }
            }
            return Json.NODES.textNode(joined.toString());
        };
    }

    private static Transform split(JsonNode args) {
        String separator = args == null || args.isNull() ? "," : args.asText();
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("split needs a non-empty separator");
        }
        Pattern literal = Pattern.compile(Pattern.quote(separator));
        return value -> {
            if (!value.isValueNode() || value.isNull()) {
                return value;
            }
            ArrayNode parts = Json.NODES.arrayNode();
            for (String part : literal.split(Values.text(value))) {
                if (!part.isBlank()) {
                    parts.add(part.strip());
                }
            }
            return parts;
        };
    }

    /** A mapping author's pattern, on the linear-time engine (see {@link MappingRegex}). */
    private static com.google.re2j.Pattern regex(String pattern) {
        return MappingRegex.compile(pattern);
    }

    private static void checkKeys(JsonNode args, String transform, String... allowed) {
        List<String> names = List.of(allowed);
        args.fieldNames().forEachRemaining(key -> {
            if (!names.contains(key)) {
                throw new IllegalArgumentException(transform + " has no option \"" + key + "\""
                        + Suggestions.didYouMean(key, names));
            }
        });
    }

    /** A table from ATS values to JobMojito values: department names to enums, language names to codes. */
    final class Lookup implements Transform {
        private final Map<String, JsonNode> table;
        private final JsonNode fallback;
        private final boolean ignoreCase;

        private Lookup(Map<String, JsonNode> table, JsonNode fallback, boolean ignoreCase) {
            this.table = table;
            this.fallback = fallback;
            this.ignoreCase = ignoreCase;
        }

        static Lookup of(JsonNode args) {
            if (args == null || !args.isObject() || !args.path("table").isObject()) {
                throw new IllegalArgumentException("lookup needs {table: {ats value: jobmojito value, ...}, "
                        + "default: <value>}");
            }
            checkKeys(args, "lookup", "table", "default", "ignore_case");
            boolean ignoreCase = args.path("ignore_case").asBoolean(true);
            Map<String, JsonNode> table = new HashMap<>();
            args.get("table").fields().forEachRemaining(e ->
                    table.put(ignoreCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey(), e.getValue()));
            return new Lookup(table, args.get("default"), ignoreCase);
        }

        /** Unlisted values pass through unchanged unless a default is given. */
        @Override
        public JsonNode apply(JsonNode value) {
            if (value.isArray()) {
                ArrayNode out = Json.NODES.arrayNode(value.size());
                value.forEach(element -> out.add(apply(element)));
                return out;
            }
            if (!value.isValueNode() || value.isNull()) {
                return fallback != null && Values.isEmpty(value) ? fallback : value;
            }
            String key = Values.text(value).strip();
            JsonNode mapped = table.get(ignoreCase ? key.toLowerCase(Locale.ROOT) : key);
            if (mapped != null) {
                return mapped;
            }
            return fallback != null ? fallback : value;
        }
    }
}
