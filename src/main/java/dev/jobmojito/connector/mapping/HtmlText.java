package dev.jobmojito.connector.mapping;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML of a job posting to plain text ({@code html_to_text}, for {@code description}) or Markdown
 * ({@code html_to_markdown}, for {@code description_long}), read from jsoup's document tree.
 *
 * <p>In: any string, HTML or not; never fails (jsoup parses anything the way a browser would, closing what is
 * left open). Out: text with whitespace collapsed, or CommonMark.
 *
 * <p>Rules, and where they come from:
 * <ul>
 *   <li>ATS exports escape their HTML to different depths: Greenhouse sends it escaped once ({@code &lt;p&gt;}),
 *       some feeds twice ({@code &amp;lt;p&amp;gt;}). Text that holds no tag but holds an escaped one is unescaped
 *       until real tags appear (at most three times), so the same transform reads all of them.</li>
 *   <li>A heading whose section is empty (no text before the next heading of the same or a higher level, or the
 *       end) is dropped, with the headings inside it: issue 11, "headings whose section is empty".</li>
 *   <li>Markdown: nested lists are indented by the width of their parent's marker, as CommonMark reads it
 *       (issue 11, "HTML structure lost"); Markdown's own characters in text are escaped.</li>
 * </ul>
 */
public final class HtmlText {

    private static final int MAX_UNESCAPE_DEPTH = 3;
    private static final Pattern ESCAPED_TAG = Pattern.compile("&(?:amp;)*lt;/?[A-Za-z!]");

    /**
     * The last document of this thread, by identity of its input: a mapping reads the same description for
     * several fields ({@code description}, {@code description_long}, {@code candidate_expectations}), and it is
     * parsed once. The tree is never changed after {@link #parse}.
     */
    private static final ThreadLocal<Parsed> LAST = new ThreadLocal<>();

    private record Parsed(String html, Element body) {
    }

    private HtmlText() {
    }

    /** Plain text: tags dropped, block elements separated by a space, whitespace collapsed to one space. */
    public static String toText(String html) {
        TextWriter text = new TextWriter();
        NodeTraversor.traverse(text, parse(html));
        return text.out.toString().strip();
    }

    /** Markdown: headings, paragraphs, lists (nested), emphasis, links, quotes, code and rules kept. */
    public static String toMarkdown(String html) {
        MarkdownWriter markdown = new MarkdownWriter();
        NodeTraversor.traverse(markdown, parse(html));
        return markdown.result();
    }

    /**
     * Markdown of what stands under the first heading whose text {@code heading} finds ({@code html_to_markdown}
     * with {@code section:}); see {@link #section} for which heading and which content.
     *
     * @param html    the posting's HTML, escaped or not
     * @param heading a mapping author's pattern, run on each heading's text only (whitespace collapsed)
     * @return the Markdown, or null when no heading matches or nothing follows the one that does
     */
    static String sectionToMarkdown(String html, com.google.re2j.Pattern heading) {
        Node content = section(parse(html), heading);
        if (content == null) {
            return null;
        }
        MarkdownWriter markdown = new MarkdownWriter();
        NodeTraversor.traverse(markdown, content);
        return markdown.result();
    }

    /** Plain text of what stands under the first heading whose text {@code heading} finds; null as above. */
    static String sectionToText(String html, com.google.re2j.Pattern heading) {
        Node content = section(parse(html), heading);
        if (content == null) {
            return null;
        }
        TextWriter text = new TextWriter();
        NodeTraversor.traverse(text, content);
        return text.out.toString().strip();
    }

    /**
     * The content under the first heading, in document order, whose title {@code heading} finds: the list that
     * comes next (nested lists in it) or, when text comes before any list, the block holding that text. A
     * heading is an {@code h1}-{@code h6}, or a block that starts with bold text ({@code <p><strong>Requirements
     * </strong></p>}, as many ATS editors write one): its title is that bold text. Where this comes from: the
     * requirements {@code extract} of the bundled mappings ran a regex over the whole Markdown to find the list
     * under such a heading, and RE2/J took most of a posting's mapping time doing it; on the tree only the titles
     * are matched (issue 11, "the mapping must stay at or above 0.1 of the Jackson floor").
     *
     * @return the list, the block or the lone text node; null when no title matches or no text follows
     */
    private static Node section(Element body, com.google.re2j.Pattern heading) {
        for (Element element : body.getAllElements()) {
            String title = title(element);
            if (title != null && heading.matcher(title).find()) {
                return contentAfter(element);
            }
        }
        return null;
    }

    /** The title of an element that is a heading, or null. */
    private static String title(Element element) {
        if (headingLevel(element) > 0) {
            return element.text();
        }
        if (!element.isBlock() || element.nameIs("li") || element.nameIs("body")) {
            return null;
        }
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text && isBlank(text.getWholeText())) {
                continue;
            }
            return child instanceof Element bold && (bold.nameIs("strong") || bold.nameIs("b")) ? bold.text()
                    : null;
        }
        return null;
    }

    /** The first list or text after {@code heading} (outside it) in document order, or null at a heading. */
    private static Node contentAfter(Element heading) {
        Node node = nextOutside(heading);
        while (node != null) {
            if (node instanceof Element element) {
                if (element.nameIs("ul") || element.nameIs("ol")) {
                    return element;
                }
                if (headingLevel(element) > 0) {
                    return null; // the next section starts before any content of this one
                }
                node = element.childNodeSize() > 0 ? element.childNode(0) : nextOutside(element);
            } else if (node instanceof TextNode text && !isBlank(text.getWholeText())) {
                return enclosingBlock(text, heading);
            } else {
                node = nextOutside(node);
            }
        }
        return null;
    }

    /** The node after {@code node} in document order that is not inside it. */
    private static Node nextOutside(Node node) {
        for (Node at = node; at != null; at = at.parent()) {
            if (at.nextSibling() != null) {
                return at.nextSibling();
            }
        }
        return null;
    }

    /** The nearest block around {@code text} that does not also hold {@code heading}; the text itself if none. */
    private static Node enclosingBlock(TextNode text, Element heading) {
        for (Element parent = text.parent(); parent != null
                && !parent.nameIs("body") && !holds(parent, heading); parent = parent.parent()) {
            if (parent.isBlock()) {
                return parent;
            }
        }
        return text;
    }

    private static boolean holds(Element ancestor, Node node) {
        for (Node at = node; at != null; at = at.parent()) {
            if (at == ancestor) {
                return true;
            }
        }
        return false;
    }

    /** The body of the document, unescaped as deep as it was escaped, with the empty sections taken out. */
    private static Element parse(String html) {
        Parsed last = LAST.get();
        if (last != null && last.html() == html) {
            return last.body();
        }
        Element body = Jsoup.parseBodyFragment(unescaped(html)).body();
        dropEmptySections(body);
        LAST.set(new Parsed(html, body));
        return body;
    }

    private static String unescaped(String text) {
        String current = text;
        for (int depth = 0; depth < MAX_UNESCAPE_DEPTH; depth++) {
            // "a &lt; b" in plain text is not escaped HTML: only an escaped tag ("&lt;p", "&amp;lt;/li") is
            if (hasTag(current) || current.indexOf('&') < 0 || !ESCAPED_TAG.matcher(current).find()) {
                return current;
            }
            String plain = unescapedMarkup(current);
            current = plain != null ? plain : Parser.unescapeEntities(current, false);
        }
        return current;
    }

    /**
     * HTML escaped as text usually holds only the references of markup's own characters ({@code &lt; &gt; &amp;
     * &quot; &apos; &#39; &#34;}); those are decoded here, in one pass. Any other reference (a named one, a
     * number, one without its semicolon) returns null: jsoup's unescaping, which knows every HTML rule, does
     * that text instead. The same result either way; this way skips setting up jsoup's tokeniser per text.
     */
    static String unescapedMarkup(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int at = text.indexOf('&'); at >= 0; at = text.indexOf('&', from)) {
            out.append(text, from, at);
            char decoded;
            int length;
            if (text.startsWith("&lt;", at)) {
                decoded = '<';
                length = 4;
            } else if (text.startsWith("&gt;", at)) {
                decoded = '>';
                length = 4;
            } else if (text.startsWith("&amp;", at)) {
                decoded = '&';
                length = 5;
            } else if (text.startsWith("&quot;", at) || text.startsWith("&#34;", at)) {
                decoded = '"';
                length = text.charAt(at + 2) == '3' ? 5 : 6;
            } else if (text.startsWith("&apos;", at) || text.startsWith("&#39;", at)) {
                decoded = '\'';
                length = text.charAt(at + 2) == '3' ? 5 : 6;
            } else {
                return null;
            }
            out.append(decoded);
            from = at + length;
        }
        return out.append(text, from, text.length()).toString();
    }

    /** True for the spaces a posting holds, the invisible ones included; they collapse to one space. */
    static boolean isSpace(char c) {
        if (c < 128) {
            // what the two tests below say of ASCII: space, tab to carriage return, the four separators
            return c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F';
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B';
    }

    /** Whether the text holds a tag's start: {@code <} then a letter, {@code /} or {@code !}. */
    private static boolean hasTag(String text) {
        for (int at = text.indexOf('<'); at >= 0 && at < text.length() - 1; at = text.indexOf('<', at + 1)) {
            char next = text.charAt(at + 1);
            if (next >= 'A' && next <= 'Z' || next >= 'a' && next <= 'z' || next == '/' || next == '!') {
                return true;
            }
        }
        return false;
    }

    private static int headingLevel(Node node) {
        if (node instanceof Element element) {
            String tag = element.normalName();
            if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') {
                return tag.charAt(1) - '0';
            }
        }
        return 0;
    }

    private static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes the headings whose section holds no text: a heading must be followed, in document order, by text
     * outside any heading before the next heading of its level or higher, or the end, else it goes.
     */
    private static void dropEmptySections(Element body) {
        List<Element> empty = new ArrayList<>();
        Deque<Element> open = new ArrayDeque<>(); // headings with no text after them yet, the last one first
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                int level = headingLevel(node);
                if (level > 0) {
                    Element heading = (Element) node;
                    if (isBlank(heading.text())) {
                        empty.add(heading);
                    } else {
                        // a heading of the same or a higher level ends the sections still empty at that level
                        while (!open.isEmpty() && headingLevel(open.peek()) >= level) {
                            empty.add(open.pop());
                        }
                        open.push(heading);
                    }
                    return FilterResult.SKIP_ENTIRELY; // a heading's own text is no content of its section
                }
                if (node instanceof TextNode text && !isBlank(text.getWholeText())) {
                    open.clear(); // every open section has content now
                }
                return FilterResult.CONTINUE;
            }
        }, body);
        empty.addAll(open); // the end closes every section
        empty.forEach(Node::remove);
    }

    /** Plain text of the tree: text nodes with whitespace collapsed, a space where a block starts or ends. */
    private static final class TextWriter implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        private boolean pendingSpace;

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String chars = text.getWholeText();
                int length = chars.length();
                int i = 0;
                while (i < length) {
                    if (isSpace(chars.charAt(i))) {
                        pendingSpace = true;
                        i++;
                        continue;
                    }
                    // a word: one space before it when spaces (or a block's edge) came before
                    int start = i;
                    while (i < length && !isSpace(chars.charAt(i))) {
                        i++;
                    }
                    if (pendingSpace && !out.isEmpty()) {
                        out.append(' ');
                    }
                    pendingSpace = false;
                    out.append(chars, start, i);
                }
            } else if (node instanceof Element element && isBlock(element)) {
                pendingSpace = true;
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element && isBlock(element)) {
                pendingSpace = true;
            }
        }

        private static boolean isBlock(Element element) {
            return element.isBlock() || element.nameIs("br") || element.nameIs("td") || element.nameIs("th");
        }
    }

    /**
     * Markdown of the tree, written as the walk enters and leaves elements. Blocks ask for line breaks that are
     * written only when content follows, so empty elements leave no blank lines behind.
     */
    private static final class MarkdownWriter implements NodeVisitor {
        private final StringBuilder out = new StringBuilder();
        /** Inline markers opened with no text yet: written before the first text, dropped if none comes. */
        private final StringBuilder pendingOpen = new StringBuilder();
        /** The open lists: {ordered ? 1 : 0, next number, width of the marker of the list's open item}. */
        private final Deque<int[]> lists = new ArrayDeque<>();
        private final Deque<String> links = new ArrayDeque<>();
        private int pendingBreaks;
        private int breakQuoteDepth;
        private boolean pendingSpace;
        private int quoteDepth;
        private int preDepth;
        private boolean lineHasContent;
        private String itemMarker;

        String result() {
            int end = out.length();
            while (end > 0 && isSpace(out.charAt(end - 1))) {
                end--;
            }
            return out.substring(0, end);
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                text(text.getWholeText());
            } else if (node instanceof Element element) {
                open(element);
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element element) {
                close(element.normalName());
            }
        }

        /**
         * A text node's characters, as {@link #character} writes each one; after the first character of a word
         * (which writes what is pending: breaks, the line's prefix, a space, inline markers), the rest of the
         * word up to a space or a character Markdown needs escaped is written as it is, in one append.
         */
        private void text(String chars) {
            int length = chars.length();
            if (preDepth > 0) {
                for (int i = 0; i < length; i++) {
                    character(chars.charAt(i));
                }
                return;
            }
            int i = 0;
            while (i < length) {
                char c = chars.charAt(i++);
                character(c);
                if (isSpace(c)) {
                    continue;
                }
                int start = i;
                while (i < length && plain(chars.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    out.append(chars, start, i);
                }
            }
        }

        /** A character written as it is once its word has started: not a space, nothing Markdown reads. */
        private static boolean plain(char c) {
            return !isSpace(c) && c != '*' && c != '_' && c != '`' && c != '\\';
        }

        /** One character of text: kept as it is inside {@code <pre>}, else spaces collapse and markup is escaped. */
        private void character(char c) {
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
            startContent();
            if (pendingSpace && lineHasContent) {
                out.append(' ');
            }
            pendingSpace = false;
            if (!pendingOpen.isEmpty()) {
                out.append(pendingOpen);
                pendingOpen.setLength(0);
            }
            if (c == '*' || c == '_' || c == '`' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
            lineHasContent = true;
        }

        private void open(Element element) {
            String tag = element.normalName();
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
                    String href = element.attr("href").strip();
                    boolean usable = !href.isEmpty() && !href.startsWith("javascript:");
                    links.push(usable ? href : "");
                    if (usable) {
                        pendingOpen.append('[');
                    }
                }
                default -> {
                    // inline elements we don't render (span, font, img, ...) leave their text as it is
                }
            }
        }

        private void close(String tag) {
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
                    preDepth--;
                    newLine();
                    out.append("```");
                    block(2);
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
                    if (href != null && !href.isEmpty() && !closeInline("[")) {
                        out.append("](").append(href.replace(")", "%29").replace(" ", "%20")).append(')');
                    }
                }
                default -> {
                    // nothing to close for inline elements we don't render
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

        /** Starts a line's content: writes pending block breaks, the quote prefix and a list marker. */
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

        /** Spaces before a block break go; a Markdown hard break is followed by a newline, not a block. */
        private void trimTrailingSpaces() {
            int end = out.length();
            while (end > 0 && out.charAt(end - 1) == ' ') {
                end--;
            }
            out.setLength(end);
        }
    }
}
