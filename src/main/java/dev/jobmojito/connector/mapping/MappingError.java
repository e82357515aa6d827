package dev.jobmojito.connector.mapping;

/** One problem in a mapping file, printed the way compilers do so editors can jump to it. */
public record MappingError(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
