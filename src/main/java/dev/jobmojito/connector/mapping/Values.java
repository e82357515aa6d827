package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/** Small helpers on Jackson values shared by transforms, conditions and coercion. */
public final class Values {

    private Values() {
    }

    /** Missing, null, blank text, an empty list or an empty object: nothing worth sending. */
    public static boolean isEmpty(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return true;
        }
        if (value.isTextual()) {
            return value.textValue().isBlank();
        }
        if (value.isContainerNode()) {
            return value.isEmpty();
        }
        return false;
    }

    /** The text of a scalar as an engineer would write it: 42 not 42.0, true not TRUE. */
    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber()) {
            // ids are numbers in several ATSs: BigInteger only when the number does not fit a long
            return value.canConvertToLong() ? Long.toString(value.longValue()) : value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            return decimal.scale() <= 0 ? decimal.toBigIntegerExact().toString() : decimal.toPlainString();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.booleanValue());
        }
        return value.toString();
    }
}
