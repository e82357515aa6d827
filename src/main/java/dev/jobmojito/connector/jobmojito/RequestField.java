package dev.jobmojito.connector.jobmojito;

import java.util.List;

/**
 * One field of the create-from-array body.
 *
 * @param name        the JSON name, as sent
 * @param type        the JSON type it is sent as
 * @param requirement whether the seed page and/or the current API insist on it
 * @param allowed     the allowed values of an enum field, empty when free
 * @param min         inclusive lower bound of a numeric field, or null
 * @param max         inclusive upper bound as the seed page states it, or null
 * @param apiMax      inclusive upper bound the current API accepts (may be looser than the seed)
 * @param properties  the known members of an object field, empty when free-form
 */
public record RequestField(String name, JsonType type, Requirement requirement, List<String> allowed,
                           Double min, Double max, Double apiMax, List<RequestField> properties) {

    /** Who requires a field: the seed page we serve asks for more than the current API does. */
    public enum Requirement {
        OPTIONAL, SEED_ONLY, ALWAYS;

        public boolean required(ValidationRules rules) {
            return this == ALWAYS || (this == SEED_ONLY && rules == ValidationRules.SEED);
        }
    }

    static RequestField optional(String name, JsonType type) {
        return new RequestField(name, type, Requirement.OPTIONAL, List.of(), null, null, null, List.of());
    }

    static RequestField always(String name, JsonType type) {
        return new RequestField(name, type, Requirement.ALWAYS, List.of(), null, null, null, List.of());
    }

    static RequestField seedOnly(String name, JsonType type) {
        return new RequestField(name, type, Requirement.SEED_ONLY, List.of(), null, null, null, List.of());
    }

    RequestField oneOf(String... values) {
        return new RequestField(name, type, requirement, List.of(values), min, max, apiMax, properties);
    }

    RequestField oneOf(List<String> values) {
        return new RequestField(name, type, requirement, List.copyOf(values), min, max, apiMax, properties);
    }

    RequestField between(double lower, double upper) {
        return new RequestField(name, type, requirement, allowed, lower, upper, upper, properties);
    }

    RequestField atLeast(double lower) {
        return new RequestField(name, type, requirement, allowed, lower, null, null, properties);
    }

    RequestField apiUpTo(double upper) {
        return new RequestField(name, type, requirement, allowed, min, max, upper, properties);
    }

    RequestField withProperties(RequestField... members) {
        return new RequestField(name, type, requirement, allowed, min, max, apiMax, List.of(members));
    }

    public boolean isEnum() {
        return !allowed.isEmpty();
    }

    public Double upperBound(ValidationRules rules) {
        return rules == ValidationRules.SEED ? max : apiMax;
    }
}
