package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jobmojito.connector.support.TestMappings;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Mapping files are checked when loaded: every problem, with its line and a suggestion where one fits. */
class MappingLoaderTest {

    private static List<String> errorsOf(String yaml) {
        MappingException failure = catchThrowableOfType(MappingException.class,
                () -> TestMappings.loader().load("broken", "mappings/broken.yaml", new StringReader(yaml)));
        assertThat(failure).as("the mapping should not load").isNotNull();
        return failure.errors().stream().map(MappingError::toString).toList();
    }

    @Test
    void everyBundledMappingLoads() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("mappings"))) {
            List<Path> mappings = files.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(mappings).isNotEmpty();
            for (Path file : mappings) {
                assertThat(TestMappings.loader().load(file).name()).isEqualTo(MappingLoader.nameOf(file));
            }
        }
    }

    @Test
    void aSourceThatCannotKeyTheLedgerIsReportedAndAGoodOneIsKept() throws Exception {
        assertThat(errorsOf("source: \"acme:board\"\nrecords: $.jobs[*]\nfields: {name: $.t, description: d}\n"
                + "questions:\n  - question: Why?\n"))
                .contains("mappings/broken.yaml:1: source must be a name of letters, digits, '.', '_' or '-' (it "
                        + "keys the ledger: postings are known by source and code), got \"acme:board\"");
        String good = "source: acme-board\n" + Files.readString(Path.of("mappings/greenhouse.yaml"));
        assertThat(TestMappings.loader().load("gh", "mappings/gh.yaml", new StringReader(good)).source())
                .isEqualTo("acme-board");
        assertThat(TestMappings.loader().load(Path.of("mappings/greenhouse.yaml")).source()).isEqualTo("greenhouse");
    }

    @Test
    void unknownKeysAreReportedWithTheirLineAndASuggestion() {
        assertThat(errorsOf("""
                records: $.jobs[*]
                fields:
                  nmae: $.title
                  description: d
                  candidate_expectations: c
                  location:
                    path: $.city
                    defualt: Berlin
                questoins:
                  - question: Why?
                """)).containsExactlyInAnyOrder(
                "mappings/broken.yaml:9: unknown key \"questoins\" in a mapping; did you mean \"questions\"?",
                "mappings/broken.yaml:3: unknown request field \"nmae\"; did you mean \"name\"?",
                "mappings/broken.yaml:8: unknown key \"defualt\" in a value rule; did you mean \"default\"?",
                "mappings/broken.yaml:2: no rule for \"name\", which JobMojito requires: give it a path, a value or"
                        + " a default",
                "mappings/broken.yaml:1: questions is required: JobMojito needs at least one question per interview");
    }

    @Test
    void invalidPathsTransformsAndRegularExpressionsAreReported() {
        assertThat(errorsOf("""
                records: $.jobs[?(@.x ==]
                fields:
                  name: $.title[
                  description:
                    path: $.body
                    transform: [html_to_txt, {truncate: many}]
                  candidate_expectations: c
                  location:
                    when:
                      - if: {path: $.city, matches: "(unclosed"}
                        then: remote
                    path: $.city
                questions:
                  - question: Why?
                """)).satisfiesExactlyInAnyOrder(
                e -> assertThat(e).startsWith("mappings/broken.yaml:1: invalid JSONPath \"$.jobs[?(@.x ==]\""),
                e -> assertThat(e).startsWith("mappings/broken.yaml:3: invalid JSONPath \"$.title[\""),
                e -> assertThat(e).isEqualTo("mappings/broken.yaml:6: unknown transform \"html_to_txt\"; did you mean"
                        + " \"html_to_text\"?"),
                e -> assertThat(e).startsWith("mappings/broken.yaml:6: truncate needs a length"),
                e -> assertThat(e).startsWith("mappings/broken.yaml:10: invalid regular expression"));
    }

    @Test
    void questionReferencesAndSetsAreChecked() {
        assertThat(errorsOf("""
                fields:
                  name: $.title
                  description: d
                  candidate_expectations: c
                  location: l
                questions:
                  - id: main
                    question: Did you?
                    is_conditional: true
                  - id: follow
                    question: How?
                    conditional_question_main_id: mian
                  - include: enginering
                  - id: main
                    question: Again?
                question_sets:
                  engineering:
                    - include: engineering
                """)).containsExactlyInAnyOrder(
                "mappings/broken.yaml:14: question id \"main\" is already used at line 7",
                "mappings/broken.yaml:12: no question has id \"mian\"; did you mean \"main\"?",
                "mappings/broken.yaml:13: no question set named \"enginering\" in question_sets; did you mean"
                        + " \"engineering\"?",
                "mappings/broken.yaml:17: question set \"engineering\" includes itself (directly or through other"
                        + " sets)");
    }

    @Test
    void aRuleWithTwoSourcesOrNoneIsReported() {
        assertThat(errorsOf("""
                fields:
                  name: {path: $.title, value: Cook}
                  description: {transform: trim}
                  candidate_expectations: {where: {path: $.a, exists: true}}
                  location: l
                questions:
                  - qestion: Why?
                """)).containsExactlyInAnyOrder(
                "mappings/broken.yaml:2: use one of path, value, template, first, list, object, env, from; this rule has"
                        + " path and value",
                "mappings/broken.yaml:3: needs one of path, value, template, first, list, object, env, from",
                "mappings/broken.yaml:4: where and select go with from: the list to select from",
                "mappings/broken.yaml:7: a question entry needs question, include, from or choose; did you mean"
                        + " \"question\"?");
    }

    @Test
    void yamlSyntaxErrorsAndRepeatedKeysHaveTheirLine() {
        assertThat(errorsOf("fields:\n  name: $.title\n  name: $.other\n")).contains(
                "mappings/broken.yaml:3: key \"name\" appears twice in the same block");
        assertThat(errorsOf("fields:\n  name: [unclosed\n")).singleElement().asString()
                .startsWith("mappings/broken.yaml:3: YAML syntax:");
    }
}
