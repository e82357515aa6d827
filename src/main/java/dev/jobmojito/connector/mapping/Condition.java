package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import com.google.re2j.Pattern;

/**
 * A predicate over the record (or a question item): {@code equals}, {@code matches}, {@code exists} on a path,
 * combined with {@code any_of}, {@code all_of} and {@code not}. A path that gives a list satisfies a test when
 * any of its elements does, so "any department is Engineering" reads naturally.
 */
public sealed interface Condition {

    boolean test(EvalContext context);

    /** A test on the value at a path, optionally transformed first. */
    record OnPath(ValueExpr value, Test test) implements Condition {
        @Override
        public boolean test(EvalContext context) {
            JsonNode found = value.eval(context);
            if (found.isArray()) {
                if (test instanceof Test.Exists exists) {
                    return exists.expected() == !Values.isEmpty(found);
                }
                for (JsonNode element : found) {
                    if (test.accepts(element, context)) {
                        return true;
                    }
                }
                return test.acceptsNothing();
            }
            return test.accepts(found, context);
        }
    }

    record AnyOf(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(EvalContext context) {
            for (Condition condition : conditions) {
                if (condition.test(context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record AllOf(List<Condition> conditions) implements Condition {
        @Override
        public boolean test(EvalContext context) {
            for (Condition condition : conditions) {
                if (!condition.test(context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Not(Condition condition) implements Condition {
        @Override
        public boolean test(EvalContext context) {
            return !condition.test(context);
        }
    }

    /** What is asked of one value. */
    sealed interface Test {
        boolean accepts(JsonNode value, EvalContext context);

        /** The answer for an empty list (no element to accept). */
        default boolean acceptsNothing() {
            return false;
        }

        /**
         * Equal, as text and ignoring case, to any of the expected values: 42 matches "42", "Remote" matches
         * "remote". An expected {@code true} or {@code false} matches any yes/no spelling ("TRUE", "yes", "1"),
         * as CSV exports write them. An expected value may be a path ({@code $record.id}) to compare two fields.
         */
        record Equals(List<ValueExpr> expected) implements Test {
            @Override
            public boolean accepts(JsonNode value, EvalContext context) {
                if (Values.isEmpty(value)) {
                    return false;
                }
                String actual = Values.text(value).strip();
                for (ValueExpr candidate : expected) {
                    JsonNode wanted = candidate.eval(context);
                    if (wanted.isArray()) {
                        for (JsonNode element : wanted) {
                            if (actual.equalsIgnoreCase(Values.text(element).strip())) {
                                return true;
                            }
                        }
                    } else if (wanted.isBoolean() ? sameFlag(value, wanted.booleanValue())
                            : !wanted.isMissingNode() && actual.equalsIgnoreCase(Values.text(wanted).strip())) {
                        return true;
                    }
                }
                return false;
            }

            private static boolean sameFlag(JsonNode value, boolean expected) {
                try {
                    return Coercion.toBoolean(value).booleanValue() == expected;
                } catch (MappingFailure notAFlag) {
                    return false;
                }
            }
        }

        /**
         * The regular expression (RE2 syntax, linear time: see {@link MappingRegex}) is found somewhere in the text;
         * write {@code ^...$} to match it whole.
         */
        record Matches(Pattern pattern) implements Test {
            @Override
            public boolean accepts(JsonNode value, EvalContext context) {
                return !Values.isEmpty(value) && value.isValueNode() && pattern.matcher(Values.text(value)).find();
            }
        }

        /** Present and not empty ({@code exists: true}), or absent or empty ({@code exists: false}). */
        record Exists(boolean expected) implements Test {
            @Override
            public boolean accepts(JsonNode value, EvalContext context) {
                return expected == !Values.isEmpty(value);
            }

            @Override
            public boolean acceptsNothing() {
                return !expected;
            }
        }
    }
}
