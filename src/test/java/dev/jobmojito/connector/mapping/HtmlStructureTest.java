package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.TestMappings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The structure of a posting's HTML survives into Markdown: every item of a nested list, nesting as indentation
 * CommonMark reads the same way, and no heading left over a section that is empty.
 */
class HtmlStructureTest {

    private static final Path NESTED = Path.of("src/test/resources/field-cases/html-nested-list-requirements");

    @Test
    void nestedListsAreIndentedByTheirParentsMarkerWidth() {
        assertThat(HtmlText.toMarkdown("<ul><li>A<ul><li>a1<ol><li>deep one</li><li>deep two</li></ol></li>"
                + "<li>a2</li></ul>tail of A</li><li>B</li></ul>"))
                .isEqualTo("- A\n  - a1\n    1. deep one\n    2. deep two\n  - a2\n  tail of A\n- B");
        // under "1. " an item's content starts 3 columns in; 2 would end the ordered list in CommonMark
        assertThat(HtmlText.toMarkdown("<ol><li>first<ul><li>sub</li></ul></li><li>second</li></ol><p>after</p>"))
                .isEqualTo("1. first\n   - sub\n2. second\n\nafter");
        assertThat(HtmlText.toMarkdown("<ul><li>one</li>\n<li>two<ul>\n<li>two-a</li>\n</ul>\n</li>\n</ul>"))
                .isEqualTo("- one\n- two\n  - two-a");
    }

    @Test
    void aHeadingWhoseSectionIsEmptyIsDropped() {
        assertThat(HtmlText.toMarkdown("<p>Intro</p><h3>Benefits</h3><ul></ul><h3>Requirements</h3><ul><li>R1</li></ul>"
                + "<h3>Contact</h3><p> </p>"))
                .isEqualTo("Intro\n\n### Requirements\n\n- R1");
        assertThat(HtmlText.toMarkdown("<h2></h2><p>Text</p>")).isEqualTo("Text");
        // a heading followed by a deeper one has a section: the subsection
        assertThat(HtmlText.toMarkdown("<h2>Role</h2><h3>Tasks</h3><p>Bake</p><h2>Perks</h2>"))
                .isEqualTo("## Role\n\n### Tasks\n\nBake");
        assertThat(HtmlText.toMarkdown("<pre># not a heading</pre>")).contains("# not a heading");
        // a section whose only subsection is empty is empty too
        assertThat(HtmlText.toMarkdown("<h2>About</h2><h3>Team</h3><p> </p><h2>Contact</h2><p>Mail us</p>"))
                .isEqualTo("## Contact\n\nMail us");
    }

    @Test
    void itemsLeftOpenAsBrowsersAllowAreReadAsBrowsersReadThem() {
        // HTML lets </li> and </p> be left out; the parser closes them where a browser does
        assertThat(HtmlText.toMarkdown("<ul><li>one<li>two<ul><li>two-a</ul><li>three</ul><p>a<p>b"))
                .isEqualTo("- one\n- two\n  - two-a\n- three\n\na\n\nb");
        assertThat(HtmlText.toText("<ul><li>one<li>two</ul>after")).isEqualTo("one two after");
    }

    @Test
    void plainTextLeavesOutTheTitlesOfEmptySectionsToo() {
        String html = "<p>Intro</p><h3>Benefits</h3><ul></ul><h3>Requirements</h3><ul><li>R1</li></ul>"
                + "<h2>About</h2><h3>Team</h3><p> </p><h2>Contact</h2><p>Mail us</p><h3>Empty end</h3>";
        String full = HtmlText.toText(html);

        assertThat(full).isEqualTo("Intro Requirements R1 Contact Mail us");
        assertThat(HtmlText.toText("<h2>Role</h2><h3>Tasks</h3><p>Bake</p>")).isEqualTo("Role Tasks Bake");
    }

    @ParameterizedTest
    @CsvSource({"greenhouse, greenhouse/jobs-nested-list.json", "indeed, indeed/feed-nested-list.xml"})
    void theRequirementsOfANestedListKeepEveryItem(String mapping, String file) {
        // before: "- 2 years in a bakery", the rest of the list dropped
        List<MappedJob> jobs = TestMappings.mapFile(TestMappings.bundled(mapping), NESTED.resolve(file));

        assertThat(jobs.get(0).request().get("candidate_expectations").asText()).isEqualTo("""
                - 2 years in a bakery
                  - sourdough experience is a plus
                - Food safety certificate
                - Able to lift 25 kg""");
    }

    @Test
    void orderedAndLooseRequirementListsAreKeptWholeInEveryMappingThatExtractsThem() {
        String html = "<p>Intro</p><h3>Requirements</h3><ol><li><p>Ten years</p><ol><li>five abroad</li></ol>"
                + "<p>and a smile</p></li><li>Patience</li></ol><h3>Benefits</h3><ul><li>Cake</li></ul>";
        String expected = "1. Ten years\n\n   1. five abroad\n\n   and a smile\n\n2. Patience";
        String escaped = html.replace("<", "&lt;").replace(">", "&gt;");
        assertThat(TestMappings.mapRecord(TestMappings.bundled("greenhouse"),
                "{\"id\":1,\"title\":\"Baker\",\"content\":\"" + escaped + "\"}")
                .request().get("candidate_expectations").asText()).isEqualTo(expected);
        assertThat(TestMappings.mapRecord(TestMappings.bundled("ashby"),
                "{\"id\":\"a\",\"title\":\"Baker\",\"descriptionHtml\":\"" + html + "\",\"isListed\":true}")
                .request().get("candidate_expectations").asText()).isEqualTo(expected);
        assertThat(TestMappings.mapRecord(TestMappings.bundled("indeed"),
                "{\"title\":\"Baker\",\"referencenumber\":\"B-1\",\"description\":\"" + html + "\"}")
                .request().get("candidate_expectations").asText()).isEqualTo(expected);
    }
}
