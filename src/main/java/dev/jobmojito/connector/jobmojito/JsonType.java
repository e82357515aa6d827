package dev.jobmojito.connector.jobmojito;

/** The JSON type a request field is sent as. The API is strict: integers go as numbers, flags as booleans. */
public enum JsonType {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("a boolean"),
    STRING_ARRAY("an array of strings"),
    OBJECT("an object"),
    OBJECT_ARRAY("an array of objects");

    private final String description;

    JsonType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
