package dev.jobmojito.connector.mapping;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * How a mapping's input files are read.
 *
 * @param format       the format, or null to take it from the file extension
 * @param charset      the text encoding; text that is not valid in it is an error, never mojibake
 * @param csvDelimiter the CSV field separator, or null to detect it among {@code ,} {@code ;} tab and {@code |}
 * @param csvQuote     the CSV quote character
 * @param xmlLists     XML element names that are always lists, even when a file holds only one of them
 */
public record InputOptions(InputFormat format, Charset charset, Character csvDelimiter, char csvQuote,
                           Set<String> xmlLists) {

    public static final InputOptions DEFAULTS = new InputOptions(null, StandardCharsets.UTF_8, null, '"', Set.of());

    /** The format of a file: the mapping's if it says, else from the file name, else JSON. */
    public InputFormat formatFor(String fileName) {
        return format != null ? format : InputFormat.fromFileName(fileName);
    }
}
