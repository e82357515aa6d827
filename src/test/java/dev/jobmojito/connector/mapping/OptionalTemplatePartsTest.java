package dev.jobmojito.connector.mapping;

import static dev.jobmojito.connector.support.TestMappings.inline;
import static dev.jobmojito.connector.support.TestMappings.mapRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobmojito.connector.support.TestMappings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Templates say which parts are optional; an empty value drops its part, never leaving "()" behind. */
class OptionalTemplatePartsTest {

    private static Mapping withField(String field) {
        return inline("""
                fields:
                  name: $.title
                  description: Short text
                  candidate_expectations: Someone good
                  location: Berlin
                %s
                questions:
                  - question: Why?
                """.formatted(field.indent(2)));
    }

    private static String department(Mapping mapping, String record) {
        return mapRecord(mapping, record).request().path("interview_department").asText(null);
    }

    @Test
    void anOptionalPartIsLeftOutWhenAPathInItGivesNothing() {
        Mapping mapping = withField("interview_department: {template: \"{title}{? ({depts[*].name})} team\"}");

        assertThat(department(mapping, "{\"title\":\"Ops\",\"depts\":[{\"name\":\"A\"},{\"name\":\"B\"}]}"))
                .isEqualTo("Ops (A, B) team");
        assertThat(department(mapping, "{\"title\":\"Ops\",\"depts\":[]}")).isEqualTo("Ops team");
        assertThat(department(mapping, "{\"title\":\"Ops\",\"depts\":[{\"name\":\"\"}]}")).isEqualTo("Ops team");
        assertThat(department(mapping, "{\"title\":\"Ops\"}")).isEqualTo("Ops team");
    }

    @Test
    void aRequiredPartThatGivesNothingMakesTheTemplateGiveNothingSoFirstGoesOn() {
        Mapping mapping = withField("""
                interview_department:
                  first:
                    - template: "{team} of {department}"
                    - template: "{?{team}}"
                    - Unassigned""");

        assertThat(department(mapping, "{\"title\":\"T\",\"team\":\"Ops\",\"department\":\"IT\"}"))
                .isEqualTo("Ops of IT");
        assertThat(department(mapping, "{\"title\":\"T\",\"team\":\"Ops\"}")).isEqualTo("Ops");
        assertThat(department(mapping, "{\"title\":\"T\"}")).isEqualTo("Unassigned");
    }

    @Test
    void optionalPartsNestAndBracesStayWritable() {
        Mapping mapping = withField(
                "interview_department: {template: \"{{x}} {a}{? ({b}{? / {c}})}\"}");

        assertThat(department(mapping, "{\"title\":\"T\",\"a\":\"A\",\"b\":\"B\",\"c\":\"C\"}"))
                .isEqualTo("{x} A (B / C)");
        assertThat(department(mapping, "{\"title\":\"T\",\"a\":\"A\",\"b\":\"B\"}")).isEqualTo("{x} A (B)");
        assertThat(department(mapping, "{\"title\":\"T\",\"a\":\"A\",\"c\":\"C\"}")).isEqualTo("{x} A");
    }

    @Test
    void anUnclosedOptionalPartIsALoadError() {
        assertThatThrownBy(() -> withField("interview_department: {template: \"{title}{? ({dept})\"}"))
                .hasMessageContaining("unclosed {?");
    }

    @Test
    void theSparseGreenhousePostingHasNoEmptyBrackets() {
        // before: "A strong candidate for Customer Support Agent () shows ..."
        List<MappedJob> jobs = TestMappings.mapFile(TestMappings.bundled("greenhouse"),
                Path.of("src/test/resources/field-cases/greenhouse-sparse-job/greenhouse/jobs-sparse.json"));

        assertThat(jobs.get(0).request().get("candidate_expectations").asText()).isEqualTo("A strong candidate for "
                + "Customer Support Agent shows relevant experience, clear communication and motivation for the role "
                + "as described.");
        assertThat(jobs.get(1).request().get("candidate_expectations").asText())
                .startsWith("A strong candidate for Customer Support Agent II (Support) shows");
        assertThat(jobs).allSatisfy(job -> assertThat(job.request().toString()).doesNotContain("()"));
    }

    @Test
    void anIndeedFeedWithoutACompanyLeavesNoDanglingAt() {
        MappedJob job = mapRecord(TestMappings.bundled("indeed"),
                "{\"title\":\"Baker\",\"referencenumber\":\"B-1\",\"description\":\"<p>Bake bread.</p>\"}");

        assertThat(job.request().get("candidate_expectations").asText())
                .startsWith("Look for a candidate who could do the Baker job well:");
        assertThat(job.request().get("questions").get(0).get("question").asText())
                .isEqualTo("Why are you interested in the Baker role?");
    }
}
