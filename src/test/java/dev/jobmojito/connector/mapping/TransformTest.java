package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TransformTest {

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    private static JsonNode apply(String name, String args, String value) throws IOException {
        return Transform.of(name, args == null ? null : json(args)).apply(json(value));
    }

    @Test
    void truncateCutsOnAWordBoundaryAndEndsWithAnEllipsis() throws IOException {
        assertThat(apply("truncate", "20", "\"Design real-time planners in C++\"").asText())
                .isEqualTo("Design real-time…");
        assertThat(apply("truncate", "40", "\"short enough\"").asText()).isEqualTo("short enough");
        assertThat(apply("truncate", "{\"length\": 10, \"ellipsis\": \"...\"}", "\"abcdefghijklmnop\"").asText())
                .isEqualTo("abcdefg...");
    }

    @Test
    void truncateCountsCharactersNotUtf16UnitsAndNeverSplitsOne() {
        // each emoji is two UTF-16 units; a family is four emoji joined by zero-width joiners
        assertThat(Truncation.truncate("😀😀😀😀😀", 3, "…")).isEqualTo("😀😀…");
        String family = "ab 👨\u200D👩\u200D👧\u200D👦 cd";
        String cut = Truncation.truncate(family, 6, "…");
        assertThat(cut).doesNotContain("\u200D…").doesNotEndWith("\u200D");
        // "e" + combining acute is one character on screen: it is kept whole or not at all
        assertThat(Truncation.truncate("ééé" + "e\u0301e\u0301", 5, "…")).isEqualTo("ééé…");
        assertThat(Truncation.truncate("🇫🇷🇩🇪🇵🇱", 4, "…")).isEqualTo("🇫🇷…");
    }

    @Test
    void replaceAndExtractUseRegularExpressions() throws IOException {
        assertThat(apply("replace", "{\"pattern\": \"\\\\s*\\\\(m/w/d\\\\)\", \"with\": \"\"}",
                "\"Koch (m/w/d)\"").asText()).isEqualTo("Koch");
        assertThat(apply("extract", "\"(\\\\d+)\\\\s*years\"", "\"at least 5 years\"").asText()).isEqualTo("5");
        assertThat(apply("extract", "\"(\\\\d+)\\\\s*years\"", "\"no numbers\"").isMissingNode()).isTrue();
    }

    @Test
    void aReplaceStepSharedByFieldsGivesEachValueItsOwnResult() {
        // the two fields write the same chain, so they share its steps, which remember their last result
        Mapping mapping = dev.jobmojito.connector.support.TestMappings.inline("""
                fields:
                  code: $.id
                  name: {path: $.title, transform: [{replace: {pattern: "-", with: " "}}, trim]}
                  description: {path: $.title, transform: [{replace: {pattern: "-", with: " "}}, trim]}
                  location: {path: $.city, transform: [{replace: {pattern: "-", with: " "}}, trim]}
                  candidate_expectations: c
                questions: [q]
                """);
        for (String[] posting : new String[][] {{"Data-Analyst", "Lyon-Est"}, {"QA-Lead", "Lyon-Est"},
            {"Data-Analyst", "Bad-Ems"}}) {
            JsonNode request = dev.jobmojito.connector.support.TestMappings.mapRecord(mapping,
                    "{\"id\": 1, \"title\": \"" + posting[0] + "\", \"city\": \"" + posting[1] + "\"}").request();
            assertThat(request.get("name").asText()).isEqualTo(posting[0].replace('-', ' '));
            assertThat(request.get("description").asText()).isEqualTo(posting[0].replace('-', ' '));
            assertThat(request.get("location").asText()).isEqualTo(posting[1].replace('-', ' '));
        }
    }

    @Test
    void lookupMapsValuesIgnoringCaseAndFallsBackToItsDefault() throws IOException {
        String table = "{\"table\": {\"German\": \"de\", \"English\": \"en\"}, \"default\": \"en\"}";
        assertThat(apply("lookup", table, "\"german\"").asText()).isEqualTo("de");
        assertThat(apply("lookup", table, "\"Klingon\"").asText()).isEqualTo("en");
        String passThrough = "{\"table\": {\"German\": \"de\"}}";
        assertThat(apply("lookup", passThrough, "\"fr\"").asText()).isEqualTo("fr");
    }

    @Test
    void joinSplitAndFirstWorkOnLists() throws IOException {
        assertThat(apply("join", "\" / \"", "[\"Berlin\", \"\", \"Paris\"]").asText()).isEqualTo("Berlin / Paris");
        assertThat(apply("split", "\";\"", "\"a; b;;c \"")).isEqualTo(json("[\"a\",\"b\",\"c\"]"));
        assertThat(apply("first", null, "[\"x\", \"y\"]").asText()).isEqualTo("x");
    }

    @Test
    void textTransformsApplyToEachElementOfAList() throws IOException {
        assertThat(apply("trim", null, "[\" a \", \"b \"]")).isEqualTo(json("[\"a\",\"b\"]"));
        assertThat(apply("uppercase", null, "[\"a\"]")).isEqualTo(json("[\"A\"]"));
    }

    @Test
    void coercionsTurnCsvTextIntoNumbersAndBooleans() throws IOException {
        assertThat(apply("integer", null, "\" 3 \"").isInt()).isTrue();
        assertThat(apply("integer", null, "\"3.0\"").intValue()).isEqualTo(3);
        assertThat(apply("number", null, "\"0.5\"").doubleValue()).isEqualTo(0.5);
        assertThat(apply("boolean", null, "\"Yes\"").booleanValue()).isTrue();
        assertThat(apply("boolean", null, "\"0\"").booleanValue()).isFalse();
        assertThatThrownBy(() -> apply("boolean", null, "\"maybe\"")).isInstanceOf(MappingFailure.class)
                .hasMessageContaining("not a yes/no value");
        assertThatThrownBy(() -> apply("integer", null, "\"2.5\"")).hasMessageContaining("not a whole number");
    }

    @Test
    void badArgumentsAreRefusedWhenTheMappingLoads() {
        assertThatThrownBy(() -> Transform.of("truncate", json("\"long\""))).hasMessageContaining("needs a length");
        assertThatThrownBy(() -> Transform.of("replace", json("{\"pattern\": \"(\"}")))
                .hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> Transform.of("lookup", json("{\"tabel\": {}}"))).hasMessageContaining("lookup needs");
        assertThatThrownBy(() -> Transform.of("extract", json("{\"pattern\": \"a\", \"group\": 2}")))
                .hasMessageContaining("group 2 but the pattern has 0");
        assertThatThrownBy(() -> Transform.of("trim", json("1"))).hasMessageContaining("takes no arguments");
    }
}
