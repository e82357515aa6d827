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
        void text(String html, int start, int end);

        void open(String tag, String href);

        void close(String tag);
    }

    static final Set<String> BLOCK_TAGS = Set.of("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
            "h6", "tr", "td", "th", "table", "thead", "tbody", "section", "article", "header", "footer", "aside",
            "blockquote", "pre", "hr", "dd", "dt", "dl", "main", "nav", "figure", "figcaption", "address",
            "details", "summary", "caption");

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

    static void scan(String html, Handler handler) {
        int n = html.length();
        int textStart = 0;
        int i = 0;
        while (i < n) {
            i = html.indexOf('<', i); // an intrinsic: text runs are skipped many characters at a time
            if (i < 0 || i + 1 >= n) {
                break;
            }
            char next = html.charAt(i + 1);
            int tagEnd;
            if (next == '!' || next == '?') {
                if (html.startsWith("<!--", i)) {
                    int close = html.indexOf("-->", i + 4);
                    tagEnd = close < 0 ? n : close + 3;
                } else {
                    tagEnd = endOfTag(html, i);
                }
                flush(html, textStart, i, handler);
            } else if (next == '/' && i + 2 < n && isAsciiLetter(html.charAt(i + 2))) {
                flush(html, textStart, i, handler);
                int nameEnd = nameEnd(html, i + 2);
                handler.close(html.substring(i + 2, nameEnd).toLowerCase(Locale.ROOT));
                tagEnd = endOfTag(html, nameEnd);
            } else if (isAsciiLetter(next)) {
                flush(html, textStart, i, handler);
                int nameEnd = nameEnd(html, i + 1);
                String tag = html.substring(i + 1, nameEnd).toLowerCase(Locale.ROOT);
                tagEnd = endOfTag(html, nameEnd);
                if (tag.equals("script") || tag.equals("style")) {
                    tagEnd = skipRawText(html, tagEnd, tag);
                } else {
                    String href = tag.equals("a") ? attribute(html, nameEnd, tagEnd, "href") : null;
                    handler.open(tag, href);
                    if (html.charAt(tagEnd - 1) == '>' && tagEnd - 2 > nameEnd && html.charAt(tagEnd - 2) == '/') {
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
        flush(html, textStart, n, handler);
    }

    private static void flush(String html, int start, int end, Handler handler) {
        if (end > start) {
            handler.text(html, start, end);
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static int nameEnd(String html, int from) {
        int i = from;
        while (i < html.length() && (Character.isLetterOrDigit(html.charAt(i)) || html.charAt(i) == '-'
                || html.charAt(i) == ':')) {
            i++;
        }
        return i;
    }

    /** Index just past the {@code >} that closes the tag, honouring quoted attribute values. */
    private static int endOfTag(String html, int from) {
        char quote = 0;
        for (int i = from; i < html.length(); i++) {
            char c = html.charAt(i);
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
        return html.length();
    }

    private static int skipRawText(String html, int from, String tag) {
        String lower = html.toLowerCase(Locale.ROOT);
        int close = lower.indexOf("</" + tag, from);
        return close < 0 ? html.length() : endOfTag(html, close);
    }

    private static String attribute(String html, int from, int to, String name) {
        int i = from;
        while (i < to) {
            while (i < to && !Character.isLetter(html.charAt(i))) {
                i++;
            }
            int nameStart = i;
            while (i < to && (Character.isLetterOrDigit(html.charAt(i)) || html.charAt(i) == '-')) {
                i++;
            }
            String attr = html.substring(nameStart, i);
            while (i < to && html.charAt(i) == ' ') {
                i++;
            }
            if (i < to && html.charAt(i) == '=') {
                i++;
                while (i < to && html.charAt(i) == ' ') {
                    i++;
                }
                int valueStart;
                int valueEnd;
                if (i < to && (html.charAt(i) == '"' || html.charAt(i) == '\'')) {
                    char quote = html.charAt(i);
                    valueStart = i + 1;
                    valueEnd = html.indexOf(quote, valueStart);
                    if (valueEnd < 0 || valueEnd > to) {
                        valueEnd = to;
                    }
                    i = valueEnd + 1;
                } else {
                    valueStart = i;
                    while (i < to && html.charAt(i) != ' ' && html.charAt(i) != '>') {
                        i++;
                    }
                    valueEnd = i;
                }
                if (attr.equalsIgnoreCase(name)) {
                    return HtmlEntities.decode(html.substring(valueStart, valueEnd)).trim();
                }
            } else if (i == nameStart) {
                i++;
            }
        }
        return null;
    }
}
