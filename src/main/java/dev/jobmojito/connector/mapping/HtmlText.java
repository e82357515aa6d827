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
     * again to find the requirements): the same string instance is unescaped once and converted once each way.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[6]);

    /** Plain text: tags dropped, block tags become spaces, character references decoded, whitespace collapsed. */
    public static String toText(String html) {
        Object[] last = LAST.get();
        if (last[0] == html) {
            return (String) last[1];
        }
        String text = convertToText(html, last, Integer.MAX_VALUE);
        last[0] = html;
        last[1] = text;
        return text;
    }

    /**
     * The start of {@link #toText}: the whole text when it has at most {@code codePoints} code points, else a
     * prefix of it longer than that. For a text about to be truncated to that length, which reads no further.
     */
    public static String toTextBeyond(String html, int codePoints) {
        Object[] last = LAST.get();
        if (last[0] == html) {
            return (String) last[1];
        }
        return convertToText(html, last, codePoints);
    }

    private static String convertToText(String html, Object[] last, int codePoints) {
        Chars source = source(html, last);
        TextHandler handler = new TextHandler(source.length(), codePoints);
        HtmlScanner.scan(source.array(), source.length(), handler);
        return handler.result();
    }

    /** Markdown: headings, paragraphs, lists (nested), emphasis, links, quotes, code and rules kept. */
    public static String toMarkdown(String html) {
        Object[] last = LAST.get();
        if (last[2] == html) {
            return (String) last[3];
        }
        Chars source = source(html, last);
        MarkdownHandler handler = new MarkdownHandler(source.length());
        HtmlScanner.scan(source.array(), source.length(), handler);
        String markdown = handler.result();
        last[2] = html;
        last[3] = markdown;
        return markdown;
    }

    /** The characters to scan: the input unescaped as deep as it was escaped (never changed by a scan). */
    private static Chars source(String html, Object[] last) {
        if (last[4] == html) {
            return (Chars) last[5];
        }
        Chars source = unescaped(html);
        last[4] = html;
        last[5] = source;
        return source;
    }

    private static Chars unescaped(String text) {
        Chars current = Chars.of(text);
        // the common cases, decided cheaply: nothing that looks escaped, or real tags already
        boolean looksEscaped = text.indexOf("&lt;") >= 0 || text.indexOf("&amp;lt;") >= 0;
        if (!looksEscaped || text.indexOf('<') >= 0 && HtmlScanner.hasTag(text)) {
            return current;
        }
        for (int depth = 0; depth < MAX_UNESCAPE_DEPTH; depth++) {
            // "a &lt; b" in plain text is not escaped HTML: only an escaped tag ("&lt;p", "&amp;lt;/li") is;
            // the input itself has no tag, as seen above
            if (depth > 0 && hasTag(current) || !hasEscapedTag(current)) {
                return current;
            }
            Chars decoded = new Chars(current.length());
            HtmlEntities.decode(current.array(), 0, current.length(), decoded);
            current = decoded;
        }
        return current;
    }

    private static boolean hasTag(Chars text) {
        char[] chars = text.array();
        for (int i = 0; i + 1 < text.length(); i++) {
            if (chars[i] == '<') {
                char next = chars[i + 1];
                if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || next == '/' || next == '!') {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the text holds an escaped tag: {@code &lt;} (escaped any number of times) and a tag start. */
    private static boolean hasEscapedTag(Chars text) {
        char[] chars = text.array();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (chars[i] != '&') {
                continue;
            }
            int at = i + 1;
            while (startsWith(chars, n, at, "amp;")) {
                at += 4;
            }
            if (!startsWith(chars, n, at, "lt;")) {
                continue;
            }
            at += 3;
            if (at < n && chars[at] == '/') {
                at++;
            }
            if (at < n && ((chars[at] >= 'a' && chars[at] <= 'z') || (chars[at] >= 'A' && chars[at] <= 'Z')
                    || chars[at] == '!')) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(char[] chars, int n, int at, String prefix) {
        if (at + prefix.length() > n) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (chars[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean isSpace(char c) {
        if (c > ' ' && c < '\u00A0') {
            return false; // printable ASCII, the bulk of any posting, in one comparison
        }
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\u00A0' || c == '\f' || c == '\u2028'
                || c == '\u2029' || c == '\u200B' || c == '\u3000' || c == '\u202F' || c == '\u2007';
    }

    /** A handler that copies runs of plain text itself and takes the characters a reference stands for one by one. */
    private abstract static class DecodingHandler implements HtmlScanner.Handler {
        private final Chars reference = new Chars(8);

        /** One character of text that is not copied as part of a run. */
        abstract void character(char c);

        /** Decodes the reference at {@code html[at]} (an ampersand) into characters; returns where text goes on. */
        final int reference(char[] html, int at, int end) {
            reference.setLength(0);
            int consumed = HtmlEntities.reference(html, at, end, reference);
            if (consumed == 0) {
                character('&'); // a bare ampersand ("R&D") stays as written
                return at + 1;
            }
            for (int r = 0; r < reference.length(); r++) {
                character(reference.charAt(r));
            }
            return at + consumed;
        }
    }

    private static final class TextHandler extends DecodingHandler {
        private final Chars out;
        private final int codePoints;
        private int checkAt;
        private boolean pendingSpace;
        private boolean done;
        /** The heading being written: its level (0 when none) and where its text starts in {@code out}. */
        private int headingLevel;
        private int headingStart;
        /** Headings written with no text after them yet, {start, level}: dropped if their section stays empty. */
        private final Deque<int[]> emptySections = new ArrayDeque<>();

        /** @param codePoints stop once the text is longer than this many code points */
        TextHandler(int capacity, int codePoints) {
            out = new Chars(Math.min(capacity, codePoints == Integer.MAX_VALUE ? capacity : codePoints * 2 + 16));
            this.codePoints = codePoints;
            this.checkAt = codePoints;
        }

        @Override
        public boolean done() {
            return done;
        }

        /** Called after each append: a text can only be long enough once it has more characters than needed. */
        private boolean longEnough() {
            // a heading may still be dropped: the text is not final until its section has some
            if (out.length() <= checkAt || headingLevel > 0 || !emptySections.isEmpty()) {
                return false;
            }
            int counted = Character.codePointCount(out.array(), 0, out.length());
            // never stop on the first half of a pair whose second half a tag separated: the truncation reads
            // the whole character at its cut
            if (counted > codePoints && !Character.isHighSurrogate(out.charAt(out.length() - 1))) {
                done = true;
                return true;
            }
            checkAt = out.length() + (codePoints - counted);
            return false;
        }

        @Override
        public void text(char[] html, int start, int end) {
            // copy each run of ordinary characters at once, one space between runs; references end a run
            int i = start;
            while (i < end) {
                char c = html[i];
                if (c == '&') {
                    i = reference(html, i, end);
                    continue;
                }
                if (isSpace(c)) {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                int runEnd = i + 1;
                while (runEnd < end) {
                    char r = html[runEnd];
                    if (r == ' ' && runEnd + 1 < end && html[runEnd + 1] != '&' && !isSpace(html[runEnd + 1])) {
                        runEnd += 2; // one space between words is what the text gets anyway: it stays in the run
                    } else if (r == '&' || isSpace(r)) {
                        break;
                    } else {
                        runEnd++;
                    }
                }
                separate();
                out.append(html, i, runEnd);
                i = runEnd;
                if (longEnough()) {
                    return;
                }
            }
        }

        @Override
        void character(char c) {
            if (isSpace(c)) {
                pendingSpace = true;
            } else {
                separate();
                out.append(c);
            }
        }

        private void separate() {
            if (headingLevel == 0) {
                emptySections.clear(); // text outside a heading: the open sections have something
            }
            if (pendingSpace && !out.isEmpty()) {
                out.append(' ');
            }
            pendingSpace = false;
        }

        @Override
        public void open(String tag, String href) {
            if (HtmlScanner.BLOCK_TAGS.contains(tag)) {
                pendingSpace = true;
            }
            int level = headingLevel(tag);
            if (level > 0) {
                // a heading of the same or a higher level ends the empty sections at that level or below
                dropEmptySections(level);
                headingLevel = level;
                headingStart = out.length();
            }
        }

        @Override
        public void close(String tag) {
            if (HtmlScanner.BLOCK_TAGS.contains(tag)) {
                pendingSpace = true;
            }
            if (headingLevel > 0 && headingLevel(tag) == headingLevel) {
                if (out.length() > headingStart) {
                    emptySections.push(new int[] {headingStart, headingLevel});
                }
                headingLevel = 0;
            }
        }

        /** Removes the headings written last whose section ended empty. */
        private void dropEmptySections(int level) {
            int cut = -1;
            while (!emptySections.isEmpty() && emptySections.peek()[1] >= level) {
                cut = emptySections.pop()[0];
            }
            if (cut >= 0) {
                out.setLength(cut);
            }
        }

        String result() {
            if (!done) {
                dropEmptySections(1); // the end closes every section
            }
            return out.toString();
        }

        private static int headingLevel(String tag) {
            return tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6'
                    ? tag.charAt(1) - '0' : 0;
        }
    }

    private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile("^(#{1,6})(?: .*)?$");

    /**
     * Drops the headings whose section is empty: a heading followed, past blank lines, by a heading of the same or
     * a higher level, or by the end ({@code <h3>Benefits</h3><ul></ul>} leaves no bare "### Benefits").
     */
    static String withoutEmptySections(String markdown) {
        if (markdown.indexOf('#') < 0) {
            return markdown;
        }
        String[] lines = markdown.split("\n", -1);
        boolean[] drop = new boolean[lines.length];
        boolean fence = false;
        boolean any = false;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("```")) {
                fence = !fence;
            }
            java.util.regex.Matcher heading = fence ? null : HEADING.matcher(lines[i]);
            if (heading == null || !heading.matches()) {
                continue;
            }
            int level = heading.group(1).length();
            int next = i + 1;
            while (next < lines.length && lines[next].isBlank()) {
                next++;
            }
            java.util.regex.Matcher following = next < lines.length ? HEADING.matcher(lines[next]) : null;
            if (next == lines.length || following.matches() && following.group(1).length() <= level
                    || lines[i].strip().length() == level) {
                drop[i] = true;
                any = true;
                // the blank lines after it go with it
                for (int blank = i + 1; blank < next; blank++) {
                    drop[blank] = true;
                }
            }
        }
        if (!any) {
            return markdown;
        }
        StringBuilder kept = new StringBuilder(markdown.length());
        for (int i = 0; i < lines.length; i++) {
            if (!drop[i]) {
                kept.append(lines[i]).append('\n');
            }
        }
        return kept.toString().stripTrailing();
    }

    /** ASCII characters that are Markdown's own, escaped in text. */
    private static final boolean[] MARKDOWN_SPECIAL = new boolean[128];
    /** ASCII characters that end a run of Markdown text: spaces, Markdown's own and the start of a reference. */
    private static final boolean[] ENDS_RUN = new boolean[128];

    static {
        for (char c = 0; c < 128; c++) {
            MARKDOWN_SPECIAL[c] = c == '*' || c == '_' || c == '`' || c == '\\';
            ENDS_RUN[c] = isSpace(c) || MARKDOWN_SPECIAL[c] || c == '&';
        }
    }

    private static boolean endsRun(char c) {
        return c < 128 ? ENDS_RUN[c] : isSpace(c);
    }

    private static final class MarkdownHandler extends DecodingHandler {
        private final Chars out;
        private final Chars pendingOpen = new Chars(8);
        // {ordered ? 1 : 0, next number, width of the marker of the list's open item (0 when none)}
        private final Deque<int[]> lists = new ArrayDeque<>();
        private final Deque<String> links = new ArrayDeque<>();
        private int pendingBreaks;
        private int breakQuoteDepth;
        private boolean pendingSpace;
        private int quoteDepth;
        private int preDepth;
        private boolean lineHasContent;
        private String itemMarker;

        MarkdownHandler(int capacity) {
            out = new Chars(capacity + 64);
        }

        String result() {
            int end = out.length();
            while (end > 0 && isSpace(out.charAt(end - 1))) {
                end--;
            }
            return withoutEmptySections(out.toString(end));
        }

        @Override
        public void text(char[] html, int start, int end) {
            int i = start;
            while (i < end) {
                char c = html[i];
                if (c == '&') {
                    i = reference(html, i, end);
                    continue;
                }
                if (preDepth > 0 || endsRun(c)) {
                    character(c);
                    i++;
                    continue;
                }
                // a run of ordinary characters is copied at once
                int runEnd = i + 1;
                while (runEnd < end) {
                    char r = html[runEnd];
                    if (r == ' ' && runEnd + 1 < end && !endsRun(html[runEnd + 1])) {
                        runEnd += 2; // one space between words is what the text gets anyway: it stays in the run
                    } else if (endsRun(r)) {
                        break;
                    } else {
                        runEnd++;
                    }
                }
                beforeContent();
                out.append(html, i, runEnd);
                lineHasContent = true;
                i = runEnd;
            }
        }

        /** One character of text, decoded: kept as it is inside {@code <pre>}, else spaces collapse. */
        @Override
        void character(char c) {
            if (preDepth > 0) {
                if (c == '\n') {
                    newLine();
                } else {
                    startContent();
                    out.append(c);
                }
                return;
            }
            if (isSpace(c)) {
                pendingSpace = true;
                return;
            }
            beforeContent();
            if (c < 128 && MARKDOWN_SPECIAL[c]) {
                out.append('\\');
            }
            out.append(c);
            lineHasContent = true;
        }

        /** Before text that is not a space: pending breaks, prefixes, the space between words, open markers. */
        private void beforeContent() {
            startContent();
            if (pendingSpace && lineHasContent) {
                out.append(' ');
            }
            pendingSpace = false;
            if (!pendingOpen.isEmpty()) {
                out.append(pendingOpen);
                pendingOpen.setLength(0);
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
                    for (int level = tag.charAt(1) - '0'; level > 0; level--) {
                        out.append('#');
                    }
                    out.append(' ');
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
                    lists.push(new int[] {tag.equals("ol") ? 1 : 0, 1, 0});
                }
                case "li" -> {
                    block(1);
                    int[] list = lists.peek();
                    if (list == null) {
                        itemMarker = "- ";
                    } else {
                        itemMarker = list[0] == 1 ? (list[1]++) + ". " : "- ";
                        // the item's content (its text after a nested list, its nested lists) is indented by
                        // its marker's width, as CommonMark reads it: 2 for "- ", 3 for "1. ", 4 for "10. "
                        list[2] = itemMarker.length();
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
            if (indentForList) {
                // the content of every open item; an item's own marker line is indented by its parents' only
                int indent = 0;
                for (int[] list : lists) {
                    indent += list[2];
                }
                if (itemMarker != null && !lists.isEmpty()) {
                    indent -= lists.peek()[2];
                }
                out.append(" ".repeat(indent));
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
