package dev.jobmojito.connector.mapping;

import static dev.jobmojito.connector.support.TestMappings.inline;
import static dev.jobmojito.connector.support.TestMappings.mapRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Mapping authors' regexes run in linear time; the patterns that would need backtracking are refused by name. */
class MappingRegexTest {

    private static final String BASE = """
            fields:
              description: Short text
              candidate_expectations: Someone good
              location: Berlin
            """;

    private static final String ONE_QUESTION = """
            questions:
              - id: q
                question: Why?
            """;

    @Test
    void aCatastrophicPatternDoesNotHangAWorkerOnACraftedTitle() {
        // (a+)+$ against 60 a's and a '!' takes java.util.regex longer than anyone waits: 2^60 ways to split
        Mapping mapping = inline(BASE + """
                  name:
                    path: $.title
                    transform: [{replace: {pattern: "(a+)+$", with: "x"}}]
                  interview_department:
                    when:
                      - if: {path: $.title, matches: "^(a|aa)+$"}
                        then: Evil
                    default: Fine
                """ + ONE_QUESTION);
        String title = "a".repeat(60) + "!";

        MappedJob job = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> mapRecord(mapping, "{\"title\":\"" + title + "\"}"));

        assertThat(job.request().path("name").asText()).isEqualTo(title);
        assertThat(job.request().path("interview_department").asText()).isEqualTo("Fine");
    }

    @Test
    void replaceAndExtractKeepTheirGroupReferences() {
        Mapping mapping = inline(BASE + """
                  name:
                    path: $.title
                    transform: [{replace: {pattern: "^(\\\\w+) (\\\\w+)$", with: "$2 $1"}}]
                  interview_department:
                    path: $.title
                    transform: [{extract: "(\\\\w+)$"}]
                """ + ONE_QUESTION);

        MappedJob job = mapRecord(mapping, "{\"title\":\"Senior Baker\"}");

        assertThat(job.request().path("name").asText()).isEqualTo("Baker Senior");
        assertThat(job.request().path("interview_department").asText()).isEqualTo("Baker");
    }

    @Test
    void aBackreferenceOrLookaroundIsRefusedNamingThePatternAndWhy() {
        assertThatThrownBy(() -> inline(BASE + """
                  name: {path: $.title, transform: [{replace: {pattern: "(\\\\w)\\\\1", with: "$1"}}]}
                """ + ONE_QUESTION))
                .hasMessageContaining("\"(\\w)\\1\" uses a backreference")
                .hasMessageContaining("linear-time regex engine (RE2/J) refuses");
        assertThatThrownBy(() -> inline(BASE + """
                  name: $.title
                  interview_department:
                    when:
                      - if: {path: $.title, matches: "^(?!Senior)"}
                        then: Junior
                """ + ONE_QUESTION))
                .hasMessageContaining("\"^(?!Senior)\" uses a lookahead")
                .hasMessageContaining("need backtracking");
    }
}
