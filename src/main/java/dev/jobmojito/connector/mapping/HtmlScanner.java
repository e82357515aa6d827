package dev.jobmojito.connector.mapping;

import java.util.Locale;
import java.util.Set;

/**
 * A forgiving single-pass HTML tokenizer, enough for job descriptions: text runs, start and end tags, the
 * {@code href} of links. No DOM is built, so a posting is converted in one pass over its characters.
 */
final class HtmlScanner {

    /** Receives what the scanner finds, in document order. */
    interface Handler {
        /** Raw text {@code html[start, end)}, character references not yet decoded. */
        void text(char[] html, int start, int end);

        /** A start tag; {@code tag} is lower case (a constant for the tags postings use), {@code href} for links. */
        void open(String tag, String href);

        void close(String tag);

        /** True when the handler has all it needs: the rest of the document is not scanned. */
        default boolean done() {
            return false;
        }
    }

    static final Set<String> BLOCK_TAGS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
            "h6", "tr", "td", "th", "table", "thead", "tbody", "section", "article", "header", "footer", "aside",
            "blockquote", "pre", "hr", "dd", "dt", "dl", "main", "nav", "figure", "figcaption", "address",
            "details", "summary", "caption");

    /**
     * Tag names by length, the common ones first: a tag is named by one of these constants without building a
     * string, and the converters' switches on them compare cached hashes.
     */
    private static final String[][] KNOWN_TAGS = knownTags("p", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5",
            "h6", "a", "b", "i", "em", "strong", "span", "div", "code", "pre", "hr", "u", "font", "img", "table",
            "thead", "tbody", "tr", "td", "th", "section", "article", "header", "footer", "aside", "blockquote",
            "dd", "dt", "dl", "main", "nav", "figure", "figcaption", "address", "details", "summary", "caption",
            "script", "style", "small", "sup", "sub", "mark", "s");

    private HtmlScanner() {
    }

    /** True when the text holds something that looks like a tag. */
    static boolean hasTag(String text) {
        int i = text.indexOf('<');
        while (i >= 0 && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (isAsciiLetter(next) || next == '/' || next == '!') {
                return true;
            }
            i = text.indexOf('<', i + 1);
        }
        return false;
    }

    static void scan(char[] html, int n, Handler handler) {
        int textStart = 0;
        int i = 0;
        while (!handler.done()) {
            while (i < n && html[i] != '<') {
                i++; // text runs: the bulk of a posting
            }
            if (i + 1 >= n) {
                break;
            }
            char next = html[i + 1];
            int tagEnd;
            if (next == '!' || next == '?') {
                if (next == '!' && i + 3 < n && html[i + 2] == '-' && html[i + 3] == '-') {
                    int close = indexOfCommentEnd(html, i + 4, n);
                    tagEnd = close < 0 ? n : close + 3;
                } else {
                    tagEnd = endOfTag(html, i, n);
                }
                flush(html, textStart, i, handler);
            } else if (next == '/' && i + 2 < n && isAsciiLetter(html[i + 2])) {
                flush(html, textStart, i, handler);
                int nameEnd = nameEnd(html, i + 2, n);
                handler.close(tagName(html, i + 2, nameEnd));
                tagEnd = endOfTag(html, nameEnd, n);
            } else if (isAsciiLetter(next)) {
                flush(html, textStart, i, handler);
                int nameEnd = nameEnd(html, i + 1, n);
                String tag = tagName(html, i + 1, nameEnd);
                tagEnd = endOfTag(html, nameEnd, n);
                if (tag.equals("script") || tag.equals("style")) {
                    tagEnd = skipRawText(html, tagEnd, n, tag);
                } else {
                    String href = tag.equals("a") ? attribute(html, nameEnd, tagEnd, "href") : null;
                    handler.open(tag, href);
                    if (html[tagEnd - 1] == '>' && tagEnd - 2 > nameEnd && html[tagEnd - 2] == '/') {
                        handler.close(tag);
                    }
                }
            } else {
                i++;
                continue; // a lone "<" as in "salary < 50k" is text
            }
            i = tagEnd;
            textStart = tagEnd;
        }
        if (!handler.done()) {
            flush(html, textStart, n, handler);
        }
    }

    private static void flush(char[] html, int start, int end, Handler handler) {
        if (end > start) {
            handler.text(html, start, end);
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int nameEnd(char[] html, int from, int n) {
        int i = from;
        while (i < n) {
            char c = html[i];
            boolean nameChar = c < 128 ? isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '-' || c == ':'
                    : Character.isLetterOrDigit(c);
            if (!nameChar) {
                break;
            }
            i++;
        }
        return i;
    }

    /** The lower-case name of {@code html[start, end)}: a constant when it is a known tag. */
    private static String tagName(char[] html, int start, int end) {
        int length = end - start;
        if (length < KNOWN_TAGS.length) {
            for (String known : KNOWN_TAGS[length]) {
                if (equalsIgnoreCase(html, start, known)) {
                    return known;
                }
            }
        }
        return new String(html, start, length).toLowerCase(Locale.ROOT);
    }

    private static boolean equalsIgnoreCase(char[] html, int start, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            char c = html[start + i];
            if (c != lowerCase.charAt(i) && (c < 'A' || c > 'Z' || c + ('a' - 'A') != lowerCase.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String[][] knownTags(String... tags) {
        int longest = 0;
        for (String tag : tags) {
            longest = Math.max(longest, tag.length());
        }
        String[][] byLength = new String[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int sameLength = length;
            byLength[length] = java.util.Arrays.stream(tags).filter(t -> t.length() == sameLength)
                    .toArray(String[]::new);
        }
        return byLength;
    }

    private static int indexOfCommentEnd(char[] html, int from, int n) {
        for (int i = from; i + 2 < n; i++) {
            if (html[i] == '-' && html[i + 1] == '-' && html[i + 2] == '>') {
                return i;
            }
        }
        return -1;
    }

    /** Index just past the {@code >} that closes the tag, honouring quoted attribute values. */
    private static int endOfTag(char[] html, int from, int n) {
        char quote = 0;
        for (int i = from; i < n; i++) {
            char c = html[i];
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i + 1;
            }
        }
        return n;
    }

    /** Past the end tag of a script or style element, whose content is not HTML. */
    private static int skipRawText(char[] html, int from, int n, String tag) {
        for (int i = from; i + 2 + tag.length() <= n; i++) {
            if (html[i] == '<' && html[i + 1] == '/'
                    && equalsIgnoreCase(html, i + 2, tag)) {
                return endOfTag(html, i, n);
            }
        }
        return n;
    }

    private static String attribute(char[] html, int from, int to, String name) {
        int i = from;
        while (i < to) {
            while (i < to && !Character.isLetter(html[i])) {
                i++;
            }
            int nameStart = i;
            while (i < to && (Character.isLetterOrDigit(html[i]) || html[i] == '-')) {
                i++;
            }
            String attr = new String(html, nameStart, i - nameStart);
            while (i < to && html[i] == ' ') {
                i++;
            }
            if (i < to && html[i] == '=') {
                i++;
                while (i < to && html[i] == ' ') {
                    i++;
                }
                int valueStart;
                int valueEnd;
                if (i < to && (html[i] == '"' || html[i] == '\'')) {
                    char quote = html[i];
                    valueStart = i + 1;
                    valueEnd = valueStart;
                    while (valueEnd < to && html[valueEnd] != quote) {
                        valueEnd++;
                    }
                    i = valueEnd + 1;
                } else {
                    valueStart = i;
                    while (i < to && html[i] != ' ' && html[i] != '>') {
                        i++;
                    }
                    valueEnd = i;
                }
                if (attr.equalsIgnoreCase(name)) {
                    return HtmlEntities.decode(new String(html, valueStart, valueEnd - valueStart)).trim();
                }
            } else if (i == nameStart) {
                i++;
            }
        }
        return null;
    }
}
