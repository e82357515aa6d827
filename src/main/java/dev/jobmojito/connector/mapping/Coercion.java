package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.JsonType;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Turns a mapped value into the JSON type the request field is sent as. CSV and XML give every value as text;
 * the API wants numbers as numbers and flags as booleans, so "3" becomes 3 and "yes" becomes true here, and
 * anything that cannot be read that way is a problem of the job, never a silent guess.
 */
public final class Coercion {

    private Coercion() {
    }

    public static JsonNode to(JsonType type, JsonNode value) {
        return switch (type) {
            case STRING -> toText(value);
            case INTEGER -> toInteger(value);
            case NUMBER -> toNumber(value);
            case BOOLEAN -> toBoolean(value);
            case STRING_ARRAY -> toTextArray(value);
            case OBJECT -> toObject(value);
            case OBJECT_ARRAY -> value;
        };
    }

    static JsonNode toText(JsonNode value) {
        if (value.isTextual()) {
            return value;
        }
        if (value.isValueNode()) {
            return Json.NODES.textNode(Values.text(value));
        }
        if (value.isArray() && value.size() == 1) {
            return toText(value.get(0));
        }
        throw new MappingFailure(value.isArray()
                ? "gives " + value.size() + " values where one text is expected (add a join transform)"
                : "gives an object where a text is expected", value);
    }

    static JsonNode toInteger(JsonNode value) {
        JsonNode single = single(value);
        if (single.isIntegralNumber()) {
            return single.canConvertToInt() ? Json.NODES.numberNode(single.intValue())
                    : Json.NODES.numberNode(single.longValue());
        }
        BigDecimal decimal = decimal(single, "an integer");
        try {
            long exact = decimal.longValueExact();
            return exact == (int) exact ? Json.NODES.numberNode((int) exact) : Json.NODES.numberNode(exact);
        } catch (ArithmeticException e) {
            throw new MappingFailure("is not a whole number", value);
        }
    }

    static JsonNode toNumber(JsonNode value) {
        JsonNode single = single(value);
        if (single.isNumber()) {
            return single;
        }
        BigDecimal decimal = decimal(single, "a number");
        return decimal.scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                ? Json.NODES.numberNode(decimal.longValue()) : Json.NODES.numberNode(decimal.doubleValue());
    }

    static JsonNode toBoolean(JsonNode value) {
        JsonNode single = single(value);
        if (single.isBoolean()) {
            return single;
        }
        String text = Values.text(single).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "y", "1", "on" -> Json.NODES.booleanNode(true);
            case "false", "no", "n", "0", "off" -> Json.NODES.booleanNode(false);
            default -> throw new MappingFailure("is not a yes/no value (true, false, yes, no, 1, 0)", value);
        };
    }

    static JsonNode toTextArray(JsonNode value) {
        ArrayNode array = Json.NODES.arrayNode();
        if (value.isArray()) {
            for (JsonNode element : value) {
                if (!Values.isEmpty(element)) {
                    array.add(toText(element));
                }
            }
        } else {
            array.add(toText(value));
        }
        return array;
    }

    static JsonNode toObject(JsonNode value) {
        if (value.isObject()) {
            return value;
        }
        throw new MappingFailure("is not an object", value);
    }

    private static JsonNode single(JsonNode value) {
        if (value.isArray() && value.size() == 1) {
            return value.get(0);
        }
        if (value.isContainerNode()) {
            throw new MappingFailure("is a " + (value.isArray() ? "list" : "object") + " where one value is expected",
                    value);
        }
        return value;
    }

    private static BigDecimal decimal(JsonNode value, String what) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        String text = Values.text(value).trim();
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new MappingFailure("is not " + what, value);
        }
    }
}
