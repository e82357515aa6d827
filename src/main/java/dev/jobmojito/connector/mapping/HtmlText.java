package dev.jobmojito.connector.mapping;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * HTML of a job posting to plain text (for {@code description}) or Markdown (for {@code description_long}).
 *
 * <p>ATS exports escape their HTML to different depths: Greenhouse sends it escaped once
 * ({@code &lt;p&gt;}), some feeds twice ({@code &amp;lt;p&amp;gt;}). Text that holds no tag but holds an escaped
 * one is unescaped until real tags appear, so the same transform reads all of them.
 */
public final class HtmlText {

    private static final int MAX_UNESCAPE_DEPTH = 3;

    private HtmlText() {
    }

    /**
     * The last conversions of this thread, by identity of their input. A mapping usually converts the same
     * description several times (plain text for {@code description}, Markdown for {@code description_long} and
     * again to find the requirements): the same string instance is converted once.
     */
    private static final ThreadLocal<String[]> LAST = ThreadLocal.withInitial(() -> new String[6]);

    /** Plain text: tags dropped, block tags become spaces, character references decoded, whitespace collapsed. */
    public static String toText(String html) {
        String[] last = LAST.get();
        if (last[0] == html) {
            return last[1];
        }
        String source = unescapeLayers(html);
        TextHandler handler = new TextHandler(source.length());
        HtmlScanner.scan(source, handler);
        last[0] = html;
        last[1] = handler.out.toString();
        return last[1];
    }

    /** Markdown: headings, paragraphs, lists (nested), emphasis, links, quotes, code and rules kept. */
    public static String toMarkdown(String html) {
        String[] last = LAST.get();
        if (last[2] == html) {
            return last[3];
        }
        String source = unescapeLayers(html);
        MarkdownHandler handler = new MarkdownHandler(source.length());
        HtmlScanner.scan(source, handler);
        last[2] = html;
        last[3] = handler.result();
        return last[3];
    }

    static String unescapeLayers(String text) {
        // the common cases, decided cheaply: nothing that looks escaped, or real tags already
        boolean looksEscaped = text.indexOf("&lt;") >= 0 || text.indexOf("&amp;lt;") >= 0;
        if (!looksEscaped || text.indexOf('<') >= 0 && HtmlScanner.hasTag(text)) {
            return text;
        }
        String[] last = LAST.get();
        if (last[4] == text) {
            return last[5];
        }
        String unescaped = unescape(text);
        last[4] = text;
        last[5] = unescaped;
        return unescaped;
    }

    private static String unescape(String text) {
        String current = text;
        for (int depth = 0; depth < MAX_UNESCAPE_DEPTH; depth++) {
            // "a &lt; b" in plain text is not escaped HTML: only an escaped tag ("&lt;p", "&amp;lt;/li") is
            if (HtmlScanner.hasTag(current) || !ESCAPED_TAG.matcher(current).find()) {
                return current;
            }
            current = HtmlEntities.decode(current);
        }
        return current;
    }

    private static final java.util.regex.Pattern ESCAPED_TAG =
            java.util.regex.Pattern.compile("&(?:amp;)*lt;/?[a-zA-Z!]");

    static boolean isSpace(char c) {
        if (c > ' ' && c < '\u00A0') {
            return false; // printable ASCII, the bulk of any posting, in one comparison
        }
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00A0' || c == '\f' || c == '\u2028'
                || c == '\u2029' || c == '\u200B' || c == '\u3000' || c == '\u202F' || c == '\u2007';
    }

    private static final class TextHandler implements HtmlScanner.Handler {
        private final StringBuilder out;
        private final StringBuilder decoded = new StringBuilder();
        private boolean pendingSpace;

        TextHandler(int capacity) {
            out = new StringBuilder(capacity);
        }

        @Override
        public void text(String html, int start, int end) {
            CharSequence text = html;
            int from = start;
            int to = end;
            int ampersand = html.indexOf('&', start);
            if (ampersand >= 0 && ampersand < end) {
                decoded.setLength(0);
                HtmlEntities.decode(html, start, end, decoded);
                text = decoded;
                from = 0;
                to = decoded.length();
            }
            // copy each run of non-space characters at once, one space between runs
            int i = from;
            while (i < to) {
                if (isSpace(text.charAt(i))) {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                int runEnd = i + 1;
                while (runEnd < to && !isSpace(text.charAt(runEnd))) {
                    runEnd++;
                }
                if (pendingSpace && !out.isEmpty()) {
                    out.append(' ');
                }
                pendingSpace = false;
                out.append(text, i, runEnd);
                i = runEnd;
            }
        }

        @Override
        public void open(String tag, String href) {
            if (HtmlScanner.BLOCK_TAGS.contains(tag)) {
                pendingSpace = true;
            }
        }

        @Override
        public void close(String tag) {
            open(tag, null);
        }
    }

    /** ASCII characters that end a run of Markdown text: spaces, and Markdown's own characters (escaped). */
    private static final boolean[] ENDS_RUN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            ENDS_RUN[c] = isSpace(c) || c == '*' || c == '_' || c == '`' || c == '\\';
        }
    }

    private static final class MarkdownHandler implements HtmlScanner.Handler {
        private final StringBuilder out;
        private final StringBuilder decoded = new StringBuilder();
        private final StringBuilder pendingOpen = new StringBuilder();
        private final Deque<int[]> lists = new ArrayDeque<>(); // {ordered ? 1 : 0, next number}
        private final Deque<String> links = new ArrayDeque<>();
        private int pendingBreaks;
        private int breakQuoteDepth;
        private boolean pendingSpace;
        private int quoteDepth;
        private int preDepth;
        private boolean lineHasContent;
        private String itemMarker;

        MarkdownHandler(int capacity) {
            out = new StringBuilder(capacity + 64);
        }

        String result() {
            int end = out.length();
            while (end > 0 && isSpace(out.charAt(end - 1))) {
                end--;
            }
            return out.substring(0, end);
        }

        @Override
        public void text(String html, int start, int end) {
            CharSequence text = html;
            int i = start;
            int length = end;
            int ampersand = html.indexOf('&', start);
            if (ampersand >= 0 && ampersand < end) {
                decoded.setLength(0);
                HtmlEntities.decode(html, start, end, decoded);
                text = decoded;
                i = 0;
                length = decoded.length();
            }
            if (preDepth > 0) {
                for (; i < length; i++) {
                    char c = text.charAt(i);
                    if (c == '\n') {
                        newLine();
                    } else {
                        startContent();
                        out.append(c);
                    }
                }
                return;
            }
            while (i < length) {
                char c = text.charAt(i);
                if (isSpace(c)) {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                startContent();
                if (pendingSpace && lineHasContent) {
                    out.append(' ');
                }
                pendingSpace = false;
                if (!pendingOpen.isEmpty()) {
                    out.append(pendingOpen);
                    pendingOpen.setLength(0);
                }
                // a run of ordinary characters is copied at once; Markdown's own characters are escaped
                int runEnd = i;
                while (runEnd < length) {
                    char r = text.charAt(runEnd);
                    if (r < 128 ? ENDS_RUN[r] : isSpace(r)) {
                        break;
                    }
                    runEnd++;
                }
                if (runEnd > i) {
                    out.append(text, i, runEnd);
                    i = runEnd;
                } else {
                    out.append('\\').append(c);
                    i++;
                }
                lineHasContent = true;
            }
        }

        @Override
        public void open(String tag, String href) {
            switch (tag) {
                case "p", "div", "section", "article", "header", "footer", "main", "aside", "table", "dl",
                     "figure", "address", "details" -> block(2);
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    block(2);
                    startContent();
                    out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                }
                case "br" -> {
                    if (lineHasContent) {
                        out.append("  ");
                    }
                    newLine();
                }
                case "hr" -> {
                    block(2);
                    startContent();
                    out.append("---");
                    block(2);
                }
                case "ul", "ol" -> {
                    block(lists.isEmpty() ? 2 : 1);
                    lists.push(new int[] {tag.equals("ol") ? 1 : 0, 1});
                }
                case "li" -> {
                    block(1);
                    int[] list = lists.peek();
                    if (list == null) {
                        itemMarker = "- ";
                    } else {
                        itemMarker = list[0] == 1 ? (list[1]++) + ". " : "- ";
                    }
                }
                case "blockquote" -> {
                    block(2);
                    quoteDepth++;
                }
                case "pre" -> {
                    block(2);
                    startContent();
                    out.append("```");
                    newLine();
                    preDepth++;
                }
                case "tr", "dt", "dd", "caption", "figcaption", "summary" -> block(1);
                case "td", "th" -> pendingSpace = true;
                case "strong", "b" -> pendingOpen.append("**");
                case "em", "i" -> pendingOpen.append('*');
                case "code" -> {
                    if (preDepth == 0) {
                        pendingOpen.append('`');
                    }
                }
                case "a" -> {
                    boolean usable = href != null && !href.isEmpty() && !href.startsWith("javascript:");
                    links.push(usable ? href : "");
                    if (usable) {
                        pendingOpen.append('[');
                    }
                }
                default -> {
                    // inline tags we don't render (span, font, img, ...) leave their text as it is
                }
            }
        }

        @Override
        public void close(String tag) {
            switch (tag) {
                case "p", "div", "section", "article", "header", "footer", "main", "aside", "table", "dl",
                     "figure", "address", "details", "h1", "h2", "h3", "h4", "h5", "h6" -> block(2);
                case "ul", "ol" -> {
                    lists.poll();
                    block(lists.isEmpty() ? 2 : 1);
                }
                case "li", "tr", "dt", "dd", "caption", "figcaption", "summary" -> block(1);
                case "blockquote" -> {
                    quoteDepth = Math.max(0, quoteDepth - 1);
                    block(2);
                }
                case "pre" -> {
                    if (preDepth > 0) {
                        preDepth--;
                        newLine();
                        out.append("```");
                        block(2);
                    }
                }
                case "strong", "b" -> closeInline("**");
                case "em", "i" -> closeInline("*");
                case "code" -> {
                    if (preDepth == 0) {
                        closeInline("`");
                    }
                }
                case "a" -> {
                    String href = links.poll();
                    if (href != null && !href.isEmpty()) {
                        if (!closeInline("[")) {
                            out.append("](").append(href.replace(")", "%29").replace(" ", "%20")).append(')');
                        }
                    }
                }
                default -> {
                    // nothing to close for inline tags we don't render
                }
            }
        }

        /** Closes an inline marker; an element that wrapped no text leaves nothing behind. Returns true then. */
        private boolean closeInline(String openMarker) {
            int pending = pendingOpen.lastIndexOf(openMarker);
            if (pending >= 0) {
                pendingOpen.delete(pending, pending + openMarker.length());
                return true;
            }
            out.append(openMarker.equals("[") ? "" : openMarker);
            return false;
        }

        private void block(int breaks) {
            // the blank line between a quote and what is around it belongs to the outer level
            breakQuoteDepth = pendingBreaks == 0 ? quoteDepth : Math.min(breakQuoteDepth, quoteDepth);
            pendingBreaks = Math.max(pendingBreaks, breaks);
            pendingSpace = false;
        }

        private void newLine() {
            out.append('\n');
            lineHasContent = false;
            pendingSpace = false;
            linePrefix(false);
        }

        /** Starts a line's content: emits pending block breaks, the quote prefix and a list marker. */
        private void startContent() {
            if (pendingBreaks > 0 && !out.isEmpty()) {
                trimTrailingSpaces();
                for (int i = 0; i < pendingBreaks; i++) {
                    out.append('\n');
                    if (i < pendingBreaks - 1 && breakQuoteDepth > 0) {
                        out.append("> ".repeat(breakQuoteDepth).stripTrailing());
                    }
                }
                lineHasContent = false;
                linePrefix(true);
            } else if (out.isEmpty()) {
                linePrefix(true);
            }
            pendingBreaks = 0;
            if (itemMarker != null) {
                out.append(itemMarker);
                itemMarker = null;
                pendingSpace = false;
            }
        }

        private void linePrefix(boolean indentForList) {
            if (quoteDepth > 0) {
                out.append("> ".repeat(quoteDepth));
            }
            if (indentForList && lists.size() > 1) {
                out.append("  ".repeat(lists.size() - 1));
            }
        }

        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            // keep a Markdown hard break ("  " before a newline) but not spaces before a block break
            out.setLength(end);
        }
    }
}
