package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    @Test
    void textDropsTagsTurnsBlocksIntoSpacesAndCollapsesWhitespace() {
        assertThat(HtmlText.toText("<h2>Role</h2><p>Build\n   robots</p><ul><li>C++</li><li>Rust</li></ul>end"))
                .isEqualTo("Role Build robots C++ Rust end");
    }

    @Test
    void inlineTagsDoNotSplitWords() {
        assertThat(HtmlText.toText("<p>re<b>use</b>able <span>parts</span></p>")).isEqualTo("reuseable parts");
    }

    @Test
    void characterReferencesAreDecoded() {
        assertThat(HtmlText.toText("<p>R&amp;D &ndash; Z&uuml;rich&nbsp;HQ &#128512; &#xE9;t&eacute; &hearts;</p>"))
                .isEqualTo("R&D \u2013 Zürich HQ 😀 été ♥");
    }

    @Test
    void bareAmpersandsAndLessThanSignsInTextStay() {
        assertThat(HtmlText.toText("<p>R&D for salaries < 50k & more</p>")).isEqualTo("R&D for salaries < 50k & more");
    }

    @Test
    void htmlEscapedOnceOrTwiceIsUnescapedFirst() {
        assertThat(HtmlText.toText("&lt;p&gt;Pick &amp;amp; pack&lt;/p&gt;&lt;p&gt;Ship&lt;/p&gt;"))
                .isEqualTo("Pick & pack Ship");
        assertThat(HtmlText.toText("&amp;lt;p&amp;gt;Twice&amp;lt;/p&amp;gt;")).isEqualTo("Twice");
    }

    @Test
    void spacesOfEveryKindBetweenWordsCollapseToOneAndMarkupInsideAWordIsEscaped() {
        // tab, form feed, the ASCII separators, no-break, em and zero-width spaces: each run is one space
        String spaces = "<p>one\t\ftwo\u001Fthree\u00A0\u2003four\u200Bfive  </p><p>snake_case a*b c`d e\\f</p>";
        assertThat(HtmlText.toText(spaces)).isEqualTo("one two three four five snake_case a*b c`d e\\f");
        assertThat(HtmlText.toMarkdown(spaces))
                .isEqualTo("one two three four five\n\nsnake\\_case a\\*b c\\`d e\\\\f");
        // the word's first character brings what is pending (the item marker, the bold marker), the rest follows
        assertThat(HtmlText.toMarkdown("<ul><li><b>Rust</b>acean</li></ul>")).isEqualTo("- **Rust**acean");
    }

    @Test
    void markupReferencesAreDecodedAsJsoupDecodesThemAndAnyOtherReferenceIsLeftToJsoup() {
        for (String escaped : java.util.List.of("&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;",
                "&lt;a href=&quot;https://example.test/?a=1&amp;amp;b=2&quot;&gt;it&#39;s&lt;/a&gt;",
                "&lt;p title=&#34;x&#34;&gt;l&apos;&eacute;quipe&lt;/p&gt;".replace("&eacute;", "e"),
                "no references at all", "&amp;lt;li&amp;gt;twice&amp;lt;/li&amp;gt;", "&amp;&amp;&lt;&gt;")) {
            assertThat(HtmlText.unescapedMarkup(escaped)).as(escaped)
                    .isEqualTo(org.jsoup.parser.Parser.unescapeEntities(escaped, false));
        }
        for (String other : java.util.List.of("&lt;p&gt;caf&eacute;", "&lt;p&gt;&#233;t&#xE9;", "fish &amp chips",
                "&lt;p&gt;a&nbsp;b", "&LT;p&GT;", "AT&T")) {
            assertThat(HtmlText.unescapedMarkup(other)).as(other).isNull();
        }
        assertThat(HtmlText.toText("&lt;p&gt;caf&eacute; &amp; cr&#232;me&lt;/p&gt;")).isEqualTo("café & crème");
    }

    @Test
    void plainTextThatMentionsLessThanIsNotTakenForEscapedHtml() {
        assertThat(HtmlText.toText("a &lt; b")).isEqualTo("a < b");
    }

    @Test
    void scriptsStylesAndCommentsAreDropped() {
        assertThat(HtmlText.toText("<style>p{color:red}</style><p>Hi<!-- secret --></p><script>alert(1)</script>"))
                .isEqualTo("Hi");
    }

    @Test
    void markdownKeepsStructure() {
        String html = "<h2>About</h2><p>We <strong>build</strong> <em>robots</em>.<br>Really.</p>"
                + "<ul><li>C++<ul><li>17</li></ul></li><li>Rust</li></ul>"
                + "<ol><li>Apply</li><li>Talk</li></ol>"
                + "<p>See <a href=\"https://example.test/jobs?a=1\">our page</a>.</p><hr><blockquote>Quote</blockquote>";
        assertThat(HtmlText.toMarkdown(html)).isEqualTo("""
                ## About

                We **build** *robots*. \s
                Really.

                - C++
                  - 17
                - Rust

                1. Apply
                2. Talk

                See [our page](https://example.test/jobs?a=1).

                ---

                > Quote""");
    }

    @Test
    void markdownEscapesEmphasisCharactersOfTheText() {
        assertThat(HtmlText.toMarkdown("<p>snake_case and 2*3</p>")).isEqualTo("snake\\_case and 2\\*3");
    }

    @Test
    void emphasisAroundSpacesHugsTheText() {
        assertThat(HtmlText.toMarkdown("<p>Be <b> bold </b>now</p>")).isEqualTo("Be **bold** now");
    }

    @Test
    void preformattedTextIsFenced() {
        assertThat(HtmlText.toMarkdown("<p>Run:</p><pre>mvn verify\n  -q</pre>"))
                .isEqualTo("Run:\n\n```\nmvn verify\n  -q\n```");
    }

    @Test
    void tagNamesAreReadInAnyCaseAndUnknownTagsOnlyDropTheirMarkup() {
        assertThat(HtmlText.toMarkdown("<H2>Role</H2><P>Build <STRONG>robots</Strong></P><UL><LI>C++</LI></UL>"
                + "<x-badge kind=\"a\">new</x-badge><SCRIPT>x()</script>"))
                .isEqualTo("## Role\n\nBuild **robots**\n\n- C++\n\nnew");
    }

    @Test
    void markdownDecodesReferencesEscapesWhatTheyStandForAndKeepsBareAmpersands() {
        // "&amp" without its semicolon is one of the legacy references HTML5 decodes in text, as browsers show it
        assertThat(HtmlText.toMarkdown("<p>R&amp;D&nbsp;team &#42;new&#42; R&D&amp more</p><pre>a &lt; b\n&amp;c</pre>"))
                .isEqualTo("R&D team \\*new\\* R&D& more\n\n```\na < b\n&c\n```");
    }

    @Test
    void truncatingTheTextNeverSplitsACharacterOrTheMarksThatBelongToIt() {
        // the halves of a pair split by a tag ("\uD83C<b>\uDFFB") come from JSON escapes; an empty ellipsis
        // puts the cut on the last character kept
        String[] pieces = {"<p>", "</p>", "<li>", "word ", "longer-word ", "  ", "&amp;", "&nbsp;", "\uD83D\uDE00",
            "e\u0301", "\uD83C\uDDE9\uD83C\uDDEA", "\uD83D\uDC68\u200D\uD83D\uDC69", ", ", "\u2014", "<br>", "x",
            "\uD83C<b>\uDFFB</b>", "<b>"};
        java.util.Random random = new java.util.Random(7);
        for (int sample = 0; sample < 2000; sample++) {
            StringBuilder html = new StringBuilder();
            for (int piece = random.nextInt(120); piece > 0; piece--) {
                html.append(pieces[random.nextInt(pieces.length)]);
            }
            int limit = 1 + random.nextInt(80);
            String ellipsis = random.nextBoolean() ? Truncation.ELLIPSIS : "";
            String text = HtmlText.toText(html.toString());
            String cut = Truncation.truncate(text, limit, ellipsis);
            if (cut.equals(text)) {
                continue; // short enough as it is
            }
            String kept = cut.substring(0, cut.length() - ellipsis.length());

            assertThat(cut.codePointCount(0, cut.length())).as("%s cut to %d", html, limit).isLessThanOrEqualTo(limit);
            assertThat(text).startsWith(kept);
            if (kept.length() < text.length()) {
                // the first character left out starts a character of its own: no mark, joiner or second half
                int next = text.codePointAt(kept.length());
                assertThat(Character.isLowSurrogate(text.charAt(kept.length()))).isFalse();
                assertThat(Character.getType(next)).isNotEqualTo((int) Character.NON_SPACING_MARK);
                assertThat(next).isNotEqualTo(0x200D);
                assertThat(kept.isEmpty() || kept.codePointBefore(kept.length()) != 0x200D).isTrue();
            }
        }
    }

    @Test
    void theEndOfAScriptIsFoundWhateverTheTextBeforeIt() {
        // lower-casing the whole document to find "</script" once shifted positions after a Turkish dotted İ
        // (one character, two in lower case) and cut the text after the script
        String html = "<p>" + "\u0130".repeat(12) + "</p><style>p{}</style><p>Hello <b>world</b></p>";
        assertThat(HtmlText.toText(html)).isEqualTo("\u0130".repeat(12) + " Hello world");
        assertThat(HtmlText.toMarkdown(html)).isEqualTo("\u0130".repeat(12) + "\n\nHello **world**");
    }
}
