package dev.jobmojito.connector.mapping;

import java.util.Map;
import org.jsoup.nodes.Entities;

/**
 * Decodes HTML character references: numeric ({@code &#233;}, {@code &#xE9;}) and named ({@code &eacute;}).
 * The handful that job postings use all the time are looked up here; the rest of HTML5's table comes from jsoup.
 */
final class HtmlEntities {

    private static final Map<String, String> COMMON = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00A0"), Map.entry("ndash", "\u2013"),
            Map.entry("mdash", "\u2014"), Map.entry("rsquo", "\u2019"), Map.entry("lsquo", "\u2018"),
            Map.entry("rdquo", "\u201D"), Map.entry("ldquo", "\u201C"), Map.entry("hellip", "\u2026"),
            Map.entry("bull", "\u2022"), Map.entry("middot", "\u00B7"), Map.entry("euro", "\u20AC"),
            Map.entry("copy", "\u00A9"), Map.entry("reg", "\u00AE"), Map.entry("trade", "\u2122"));

    private HtmlEntities() {
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Chars out = new Chars(text.length());
        decode(text.toCharArray(), 0, text.length(), out);
        return out.toString();
    }

    /** Appends {@code text[start, end)} to {@code out} with every character reference decoded. */
    static void decode(char[] text, int start, int end, Chars out) {
        int i = start;
        while (i < end) {
            int ampersand = i;
            while (ampersand < end && text[ampersand] != '&') {
                ampersand++;
            }
            // the text between references is copied in one go
            out.append(text, i, ampersand);
            if (ampersand == end) {
                return;
            }
            int consumed = reference(text, ampersand, end, out);
            if (consumed == 0) {
                out.append('&');
                i = ampersand + 1;
            } else {
                i = ampersand + consumed;
            }
        }
    }

    /**
     * Decodes the reference at {@code text[at]} (an ampersand) into {@code out}; returns the characters
     * consumed, or 0 when it is no reference (a bare "R&D"), leaving {@code out} as it was.
     */
    static int reference(char[] text, int at, int end, Chars out) {
        int i = at + 1;
        if (i < end && text[i] == '#') {
            i++;
            boolean hex = i < end && (text[i] == 'x' || text[i] == 'X');
            if (hex) {
                i++;
            }
            int digitsStart = i;
            long code = 0;
            while (i < end && i - digitsStart < 8) {
                int digit = Character.digit(text[i], hex ? 16 : 10);
                if (digit < 0) {
                    break;
                }
                code = code * (hex ? 16 : 10) + digit;
                i++;
            }
            if (i == digitsStart) {
                return 0;
            }
            if (i < end && text[i] == ';') {
                i++;
            }
            boolean valid = code > 0 && code <= Character.MAX_CODE_POINT && (code < 0xD800 || code > 0xDFFF);
            out.appendCodePoint(valid ? (int) code : 0xFFFD);
            return i - at;
        }
        int nameStart = i;
        while (i < end && i - nameStart < 32 && isNameChar(text[i])) {
            i++;
        }
        if (i == nameStart || i >= end || text[i] != ';') {
            return 0; // a bare ampersand ("R&D") stays as written
        }
        char markup = escapedMarkup(text, nameStart, i);
        if (markup != 0) {
            out.append(markup);
            return i + 1 - at;
        }
        String name = new String(text, nameStart, i - nameStart);
        String decoded = COMMON.get(name);
        if (decoded == null && Entities.isNamedEntity(name)) {
            decoded = Entities.getByName(name);
        }
        if (decoded == null || decoded.isEmpty()) {
            return 0;
        }
        out.append(decoded);
        return i + 1 - at;
    }

    private static boolean isNameChar(char c) {
        return c < 128 ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                : Character.isLetterOrDigit(c);
    }

    /**
     * The references escaped HTML is made of ({@code &lt;p&gt;} and {@code &amp;}, {@code &quot;} in
     * attributes), recognised without building a string: an escaped description holds dozens of them. 0 for
     * any other name.
     */
    private static char escapedMarkup(char[] text, int start, int end) {
        int length = end - start;
        char first = text[start];
        if (length == 2 && text[start + 1] == 't') {
            return first == 'l' ? '<' : first == 'g' ? '>' : 0;
        }
        if (length == 3 && first == 'a' && text[start + 1] == 'm' && text[start + 2] == 'p') {
            return '&';
        }
        if (length == 4 && first == 'q' && text[start + 1] == 'u' && text[start + 2] == 'o'
                && text[start + 3] == 't') {
            return '"';
        }
        return 0;
    }
}
