package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * {@code html_to_markdown: {section: <regex>}} and {@code html_to_text: {section: ...}}: what stands under the
 * first heading whose title the regex finds, read from the document tree (issue 11: the requirements extract
 * ran RE2/J over every description's whole Markdown).
 */
class HtmlSectionTest {

    private static final String REQUIREMENTS = "{\"section\": \"(?i)^(?:requirements|your profile)\"}";

    private static JsonNode markdown(String args, String html) throws IOException {
        return Transform.of("html_to_markdown", Json.MAPPER.readTree(args)).apply(Json.NODES.textNode(html));
    }

    @Test
    void theListUnderAMatchingHeadingNestedItemsIncluded() throws IOException {
        String html = "<h2>About us</h2><p>We build robots. Requirements change often.</p>"
                + "<h2>Requirements</h2><ul><li>Forklift licence<ul><li>or willing to get one</li></ul></li>"
                + "<li>Early shifts</li></ul><h2>Benefits</h2><ul><li>Free lunch</li></ul>";
        assertThat(markdown(REQUIREMENTS, html).asText())
                .isEqualTo("- Forklift licence\n  - or willing to get one\n- Early shifts");
    }

    @Test
    void aBoldFirstLineIsAHeadingAndTextBeforeAnyListIsTheSection() throws IOException {
        String html = "<p>Intro</p><p><strong>Your profile:</strong></p><p>You like <em>people</em>.</p>"
                + "<ul><li>not this</li></ul>";
        assertThat(markdown(REQUIREMENTS, html).asText()).isEqualTo("You like *people*.");
        // escaped once, as Greenhouse sends it
        assertThat(markdown(REQUIREMENTS, "&lt;h3&gt;Requirements&lt;/h3&gt;&lt;ol&gt;&lt;li&gt;SQL&lt;/li&gt;"
                + "&lt;/ol&gt;").asText()).isEqualTo("1. SQL");
    }

    @Test
    void nothingWhenNoTitleMatchesOrTheSectionIsEmpty() throws IOException {
        // the word in body text is no heading
        assertThat(markdown(REQUIREMENTS, "<p>Requirements: none</p><ul><li>x</li></ul>").isMissingNode())
                .isTrue();
        assertThat(markdown(REQUIREMENTS, "<h2>Benefits</h2><ul><li>x</li></ul>").isMissingNode()).isTrue();
        assertThat(markdown(REQUIREMENTS, "<h2>Requirements</h2><h2>Benefits</h2><p>x</p>").isMissingNode())
                .isTrue();
    }

    @Test
    void plainTextOfTheSectionAndTheWholeDocumentAfterIt() throws IOException {
        String html = "<h3>Requirements</h3><ul><li>Forklift</li><li>Shifts</li></ul><p>Apply now</p>";
        Transform text = Transform.of("html_to_text", Json.MAPPER.readTree(REQUIREMENTS));
        assertThat(text.apply(Json.NODES.textNode(html)).asText()).isEqualTo("Forklift Shifts");
        // the same input through the whole-document transform (the parse is shared) is not cut
        assertThat(Transform.of("html_to_text", null).apply(Json.NODES.textNode(html)).asText())
                .isEqualTo("Requirements Forklift Shifts Apply now");
    }

    @Test
    void badArgumentsAreRefusedWhenTheMappingLoads() {
        assertThatThrownBy(() -> Transform.of("html_to_markdown", Json.MAPPER.readTree("{\"sections\": \"x\"}")))
                .hasMessageContaining("{section: <regex");
        assertThatThrownBy(() -> Transform.of("html_to_markdown", Json.MAPPER.readTree("{\"section\": \"(\"}")))
                .hasMessageContaining("invalid regular expression");
    }
}
