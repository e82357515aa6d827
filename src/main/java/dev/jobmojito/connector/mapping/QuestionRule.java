package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CreateFromArrayContract;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.RequestField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a mapping's {@code questions:} list. Entries are expanded in order into the request's question
 * array: a question written out, a named set included, questions built from an array in the record, or the
 * first matching set of a {@code choose}.
 */
public sealed interface QuestionRule {

    void expand(EvalContext context, Mapping mapping, Collector out);

    /** A question written in the mapping ({@code question:} plus any question field). */
    record Single(Map<String, ValueExpr> fields, Condition when) implements QuestionRule {
        @Override
        public void expand(EvalContext context, Mapping mapping, Collector out) {
            if (when == null || when.test(context)) {
                // a question written in the mapping keeps its id across runs: a stable external_id lets
                // job-interview-update diff the list instead of replacing it
                out.add(out.build(fields, context, true));
            }
        }
    }

    /** {@code include: engineering}: the questions of a named set. */
    record Include(String set, Condition when) implements QuestionRule {
        @Override
        public void expand(EvalContext context, Mapping mapping, Collector out) {
            if (when == null || when.test(context)) {
                for (QuestionRule rule : mapping.questionSet(set)) {
                    rule.expand(context, mapping, out);
                }
            }
        }
    }

    /** {@code from: $.questions[*]}: one question per array element that passes {@code where}. */
    record FromArray(RecordPath items, Map<String, ValueExpr> item, Condition where, Condition when, Integer limit)
            implements QuestionRule {
        @Override
        public void expand(EvalContext context, Mapping mapping, Collector out) {
            if (when != null && !when.test(context)) {
                return;
            }
            JsonNode found = context.read(items);
            Iterable<JsonNode> elements = found.isArray() ? found : List.of(found);
            int taken = 0;
            for (JsonNode element : elements) {
                if (Values.isEmpty(element) || limit != null && taken >= limit) {
                    continue;
                }
                EvalContext itemContext = context.withCurrent(element);
                if (where == null || where.test(itemContext)) {
                    out.add(out.build(item, itemContext, false));
                    taken++;
                }
            }
        }
    }

    /** {@code choose:}: the first case whose {@code when} holds (a case without one always does). */
    record Choose(List<Case> cases) implements QuestionRule {
        @Override
        public void expand(EvalContext context, Mapping mapping, Collector out) {
            for (Case option : cases) {
                if (option.when() == null || option.when().test(context)) {
                    for (QuestionRule rule : mapping.questionSet(option.set())) {
                        rule.expand(context, mapping, out);
                    }
                    return;
                }
            }
        }
    }

    record Case(Condition when, String set) {
    }

    /** Gathers the questions of one job and the problems met while building them. */
    final class Collector {
        private final List<ObjectNode> questions = new ArrayList<>();
        private final List<Problem> problems;

        Collector(List<Problem> problems) {
            this.problems = problems;
        }

        /**
         * Builds one question, its members in the contract's order.
         *
         * @param idIsExternalId give the question its id as external_id when it has no other
         */
        ObjectNode build(Map<String, ValueExpr> fields, EvalContext context, boolean idIsExternalId) {
            ObjectNode question = Json.object();
            for (RequestField field : CreateFromArrayContract.QUESTION_FIELDS) {
                ValueExpr expr = fields.get(field.name());
                if (expr == null) {
                    if (idIsExternalId && field.name().equals("external_id") && question.has("id")) {
                        question.set("external_id", question.get("id"));
                    } else if (field.name().equals("is_conditional")) {
                        question.put("is_conditional", false); // the seed requires it; a plain question is not
                    }
                    continue;
                }
                JsonNode value = null;
                try {
                    value = expr.eval(context);
                    if (!Values.isEmpty(value)) {
                        question.set(field.name(), Coercion.to(field.type(), value));
                    }
                } catch (MappingFailure failure) {
                    problems.add(Problem.of(path(field), failure.getMessage(), failure.value()));
                } catch (RuntimeException e) {
                    problems.add(Problem.of(path(field), "could not be mapped: " + e.getMessage(), value));
                }
            }
            return question;
        }

        private String path(RequestField field) {
            return "questions[" + questions.size() + "]." + field.name();
        }

        void add(ObjectNode question) {
            questions.add(question);
        }

        List<ObjectNode> questions() {
            return questions;
        }
    }
}
