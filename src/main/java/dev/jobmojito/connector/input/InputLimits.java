package dev.jobmojito.connector.input;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.jobmojito.connector.common.Json;

/**
 * How deep and how large an input may be before the file is refused with a reason instead of exhausting the
 * stack or the heap: elements or objects nested deeper than {@link #maxDepth()}, or one value (a description, a
 * CSV cell) longer than {@link #maxValueLength()} characters. Set once at start from
 * {@code connector.input.max-depth} and {@code connector.input.max-value-length}; the defaults are the ones
 * documented in the README.
 */
public final class InputLimits {

    /** Default nesting depth: an ATS export is a dozen levels deep. */
    public static final int DEFAULT_MAX_DEPTH = 200;
    /** Default longest value, in characters: a long HTML description is 50,000. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 5_000_000;

    private static volatile int maxDepth = DEFAULT_MAX_DEPTH;
    private static volatile int maxValueLength = DEFAULT_MAX_VALUE_LENGTH;

    private InputLimits() {
    }

    /**
     * Sets the limits for every reader (JSON, NDJSON, CSV, XML).
     *
     * @throws IllegalArgumentException when a limit is below 1
     */
    public static synchronized void configure(int depth, int valueLength) {
        if (depth < 1 || valueLength < 1) {
            throw new IllegalArgumentException("connector.input.max-depth and max-value-length must be at least 1");
        }
        maxDepth = depth;
        maxValueLength = valueLength;
        Json.MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(depth).maxStringLength(valueLength).build());
    }

    public static int maxDepth() {
        return maxDepth;
    }

    public static int maxValueLength() {
        return maxValueLength;
    }

    /** The reason a value of {@code length} characters is refused. */
    static String tooLong(String what, long length) {
        return what + " is " + length + " characters long, more than connector.input.max-value-length ("
                + maxValueLength + ", CONNECTOR_INPUT_MAX_VALUE_LENGTH)";
    }

    /** The reason a nesting of more than the limit is refused. */
    static String tooDeep() {
        return "elements are nested more than " + maxDepth + " levels deep (connector.input.max-depth, "
                + "CONNECTOR_INPUT_MAX_DEPTH)";
    }
}
