package dev.jobmojito.connector.jobmojito;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a create-from-array body against the contract before anything is sent. A job with problems is never
 * sent: every problem names the field path and the offending value.
 */
public final class RequestValidator {

    private final ValidationRules rules;

    public RequestValidator(ValidationRules rules) {
        this.rules = rules;
    }

    public static RequestValidator seed() {
        return new RequestValidator(ValidationRules.SEED);
    }

    public List<Problem> validate(JsonNode body) {
        List<Problem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            problems.add(Problem.of("", "the request body must be a JSON object", body));
            return problems;
        }
        checkFields((ObjectNode) body, CreateFromArrayContract.FIELDS, "", problems);
        JsonNode questions = body.get("questions");
        if (questions != null && questions.isArray()) {
            checkQuestions(questions, problems);
        }
        return problems;
    }

    private void checkFields(ObjectNode object, List<RequestField> fields, String prefix, List<Problem> problems) {
        // a request fills a dozen of the contract's many fields: place the members there are, then go through
        // the contract in its order, so problems come in that order whatever the order of the members
        JsonNode[] values = new JsonNode[fields.size()];
        for (Iterator<Map.Entry<String, JsonNode>> members = object.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            Integer position = CreateFromArrayContract.position(fields, member.getKey());
            if (position != null && !member.getValue().isNull()) {
                values[position] = member.getValue();
            }
        }
        for (int position = 0; position < fields.size(); position++) {
            RequestField field = fields.get(position);
            if (values[position] != null) {
                checkValue(field, values[position], prefix, problems);
            } else if (field.requirement().required(rules)) {
                // paths are built only for problems: a valid request (the usual case) concatenates nothing
                problems.add(Problem.of(prefix + field.name(), "is required"));
            }
        }
    }

    private void checkValue(RequestField field, JsonNode value, String prefix, List<Problem> problems) {
        if (!hasType(value, field.type())) {
            problems.add(Problem.of(prefix + field.name(), "must be " + field.type().description(), value));
            return;
        }
        switch (field.type()) {
            case STRING -> {
                if (field.requirement().required(rules) && value.textValue().isBlank()) {
                    problems.add(Problem.of(prefix + field.name(), "must not be empty", value));
                } else if (field.isEnum() && !field.allowed().contains(value.textValue())) {
                    problems.add(Problem.of(prefix + field.name(), "must be one of " + String.join(", ", field.allowed()), value));
                }
            }
            case INTEGER, NUMBER -> checkBounds(field, value, prefix, problems);
            case STRING_ARRAY -> {
                for (int i = 0; i < value.size(); i++) {
                    if (!value.get(i).isTextual()) {
                        problems.add(Problem.of(prefix + field.name() + "[" + i + "]", "must be a string", value.get(i)));
                    }
                }
            }
            case OBJECT -> {
                if (!field.properties().isEmpty()) {
                    checkFields((ObjectNode) value, field.properties(), prefix + field.name() + ".", problems);
                }
            }
            case OBJECT_ARRAY -> {
                if (value.isEmpty()) {
                    problems.add(Problem.of(prefix + field.name(), "must hold at least one question", value));
                }
            }
            case BOOLEAN -> {
                // the type check is all a boolean needs
            }
        }
    }

    private void checkBounds(RequestField field, JsonNode value, String prefix, List<Problem> problems) {
        double number = value.asDouble();
        Double upper = field.upperBound(rules);
        if (field.min() != null && number < field.min() || upper != null && number > upper) {
            String range = upper == null ? "must be at least " + format(field.min())
                    : "must be between " + format(field.min()) + " and " + format(upper);
            problems.add(Problem.of(prefix + field.name(), range, value));
        }
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private void checkQuestions(JsonNode questions, List<Problem> problems) {
        Map<String, Integer> positionById = new HashMap<>();
        Map<String, Boolean> conditionalById = new HashMap<>();
        for (int i = 0; i < questions.size(); i++) {
            String path = "questions[" + i + "]";
            JsonNode question = questions.get(i);
            if (!question.isObject()) {
                problems.add(Problem.of(path, "must be an object", question));
                continue;
            }
            checkFields((ObjectNode) question, CreateFromArrayContract.QUESTION_FIELDS, path + ".", problems);
            JsonNode id = question.get("id");
            if (id != null && id.isTextual()) {
                Integer earlier = positionById.putIfAbsent(id.textValue(), i);
                if (earlier != null) {
                    problems.add(Problem.of(path + ".id", "repeats the id of questions[" + earlier + "]", id));
                } else {
                    conditionalById.put(id.textValue(), question.path("is_conditional").asBoolean(false));
                }
            }
            checkConditionalReference(question, path, positionById, conditionalById, i, problems);
        }
    }

    private void checkConditionalReference(JsonNode question, String path, Map<String, Integer> positionById,
                                                  Map<String, Boolean> conditionalById, int position,
                                                  List<Problem> problems) {
        JsonNode main = question.get("conditional_question_main_id");
        if (main == null || main.isNull() || !main.isTextual()) {
            return;
        }
        String mainPath = path + ".conditional_question_main_id";
        Integer mainPosition = positionById.get(main.textValue());
        if (mainPosition == null || mainPosition == position) {
            problems.add(Problem.of(mainPath, "must name the id of an earlier question", main));
        } else if (rules == ValidationRules.SEED && !conditionalById.getOrDefault(main.textValue(), false)) {
            // the seed calls the referenced question "the main conditional question"; the API only asks that
            // it come earlier
            problems.add(Problem.of(mainPath, "names questions[" + mainPosition
                    + "], which is not a main conditional question (is_conditional is not true)", main));
        }
    }

    static boolean hasType(JsonNode value, JsonType type) {
        return switch (type) {
            case STRING -> value.isTextual();
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case STRING_ARRAY, OBJECT_ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
        };
    }
}
