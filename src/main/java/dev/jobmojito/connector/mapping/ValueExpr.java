package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.util.List;
import java.util.Map;

/** How one value of the request is made from a record: the compiled form of a field's rule in a mapping. */
public sealed interface ValueExpr {

    /** Evaluates to the value, or {@link MissingNode} when the record gives nothing. */
    JsonNode eval(EvalContext context);

    /** {@code $.location.name}: a JSONPath into the record. */
    record Path(RecordPath path) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            return context.read(path);
        }
    }

    /** {@code value: draft}: the same for every job. */
    record Constant(JsonNode value) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            return value;
        }
    }

    /** {@code template: "{title} ({department})"}: text with paths interpolated; a list gives "a, b". */
    /**
     * {@code "{title}{? ({department})} shows"}: text with paths interpolated. A path that gives nothing drops the
     * optional part ({@code {?…}}) it is in; outside an optional part it makes the whole template give nothing, so
     * no scaffolding such as "()" is ever sent.
     *
     * @param parts literal texts, {@link RecordPath}s and {@link Optional} parts, in order
     */
    record Template(List<Object> parts) implements ValueExpr {

        /** A part written {@code {?…}}: left out when any path in it gives nothing. */
        record Optional(List<Object> parts) {
        }

        @Override
        public JsonNode eval(EvalContext context) {
            String text = render(parts, context);
            return text == null ? MissingNode.getInstance() : Json.NODES.textNode(text);
        }

        /** The parts as text, or null when a path among them (outside an optional part) gives nothing. */
        private static String render(List<Object> parts, EvalContext context) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof RecordPath path) {
                    JsonNode value = context.read(path);
                    if (Values.isEmpty(value)) {
                        return null;
                    }
                    String rendered = value.isArray() ? joined(value) : Values.text(value);
                    if (rendered.isBlank()) {
                        return null;
                    }
                    text.append(rendered);
                } else if (part instanceof Optional optional) {
                    String inner = render(optional.parts(), context);
                    if (inner != null) {
                        text.append(inner);
                    }
                } else {
                    text.append((String) part);
                }
            }
            return text.toString();
        }

        private static String joined(JsonNode array) {
            StringBuilder out = new StringBuilder();
            for (JsonNode element : array) {
                if (!Values.isEmpty(element)) {
                    if (!out.isEmpty()) {
                        out.append(", ");
                    }
                    out.append(Values.text(element));
                }
            }
            return out.toString();
        }
    }

    /** {@code [$.department, Remote]}: a list of every value the elements give (lists are flattened). */
    record ListOf(List<ValueExpr> elements) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            ArrayNode array = Json.NODES.arrayNode();
            for (ValueExpr element : elements) {
                JsonNode value = element.eval(context);
                if (value.isArray()) {
                    value.forEach(v -> {
                        if (!Values.isEmpty(v)) {
                            array.add(v);
                        }
                    });
                } else if (!Values.isEmpty(value)) {
                    array.add(value);
                }
            }
            return array.isEmpty() ? MissingNode.getInstance() : array;
        }
    }

    /**
     * {@code from: $doc.included[*], where: ..., select: $.attributes.name}: the elements of a list that satisfy
     * a condition ({@code $} is the element, {@code $record} the job record), each turned into a value. Joins
     * related data kept elsewhere in the document, or picks a section out of a list of sections.
     */
    record Select(RecordPath from, Condition where, ValueExpr select) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            JsonNode found = context.read(from);
            Iterable<JsonNode> elements = found.isArray() ? found : List.of(found);
            ArrayNode selected = Json.NODES.arrayNode();
            for (JsonNode element : elements) {
                if (Values.isEmpty(element)) {
                    continue;
                }
                EvalContext itemContext = context.withCurrent(element);
                if (where == null || where.test(itemContext)) {
                    JsonNode value = select == null ? element : select.eval(itemContext);
                    if (!Values.isEmpty(value)) {
                        selected.add(value);
                    }
                }
            }
            return selected.isEmpty() ? MissingNode.getInstance() : selected;
        }
    }

    /** {@code first: [$.a, $.b]}: the first option that gives something. */
    record First(List<ValueExpr> options) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            for (ValueExpr option : options) {
                JsonNode value = option.eval(context);
                if (!Values.isEmpty(value)) {
                    return value;
                }
            }
            return MissingNode.getInstance();
        }
    }

    /** {@code object: {name: $.company, sector: IT}}: an object of the members that give something. */
    record ObjectOf(Map<String, ValueExpr> members) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            ObjectNode object = Json.object();
            members.forEach((name, member) -> {
                JsonNode value = member.eval(context);
                if (!Values.isEmpty(value)) {
                    object.set(name, value);
                }
            });
            return object.isEmpty() ? MissingNode.getInstance() : object;
        }
    }

    /** {@code when: [{if: ..., then: ...}]}: the first branch whose condition holds, else the rest of the rule. */
    record Conditional(List<Branch> branches, ValueExpr otherwise) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            for (Branch branch : branches) {
                if (branch.condition().test(context)) {
                    return branch.value().eval(context);
                }
            }
            return otherwise == null ? MissingNode.getInstance() : otherwise.eval(context);
        }
    }

    record Branch(Condition condition, ValueExpr value) {
    }

    /** {@code transform: [html_to_text, {truncate: 300}]}: each step applied in order. */
    record Transformed(ValueExpr source, List<Transform> steps) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            JsonNode value = source.eval(context);
            for (Transform step : steps) {
                if (value.isMissingNode()) {
                    return value;
                }
                value = step.apply(value);
            }
            return value;
        }
    }

    /** {@code default: ...}: used when the rule gives nothing. */
    record Defaulted(ValueExpr source, ValueExpr fallback) implements ValueExpr {
        @Override
        public JsonNode eval(EvalContext context) {
            JsonNode value = source.eval(context);
            return Values.isEmpty(value) ? fallback.eval(context) : value;
        }
    }
}
