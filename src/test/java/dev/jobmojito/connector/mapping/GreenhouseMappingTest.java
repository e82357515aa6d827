package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.support.PublishedSchema;
import dev.jobmojito.connector.support.TestMappings;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class GreenhouseMappingTest {

    private final List<MappedJob> jobs = TestMappings.mapFile(TestMappings.bundled("greenhouse"),
            Path.of("samples/greenhouse/jobs.json"));

    private ObjectNode request(int index) {
        return jobs.get(index).request();
    }

    @Test
    void everySampleJobMapsToARequestWithoutProblems() {
        assertThat(jobs).hasSize(4);
        assertThat(jobs).allSatisfy(job -> {
            assertThat(job.problems()).isEmpty();
            assertThat(PublishedSchema.violations(job.request())).isEmpty();
        });
    }

    @Test
    void theAtsIdTravelsAsTextInCode() {
        assertThat(request(0).get("code").isTextual()).isTrue();
        assertThat(request(0).get("code").asText()).isEqualTo("4012001");
    }

    @Test
    void theTitleIsKeptExactlyWithItsUnicode() {
        assertThat(request(2).get("name").asText()).isEqualTo("Inżynier ds. jakości oprogramowania");
        assertThat(request(3).get("name").asText()).isEqualTo("Technicien·ne de maintenance robotique");
    }

    @Test
    void aRemotePostingIsSentAsRemoteAndAHybridOneIsNot() {
        assertThat(request(1).get("location").asText()).isEqualTo("remote");
        assertThat(request(2).get("location").asText()).isEqualTo("Kraków, Poland (Hybrid)");
        assertThat(request(0).get("location").asText()).isEqualTo("Zürich, Switzerland");
    }

    @Test
    void theEscapedHtmlContentBecomesPlainTextAndMarkdown() {
        String description = request(0).get("description").asText();
        assertThat(description).startsWith("About the role Northwind Robotics builds warehouse robots")
                .contains("pick, pack & sort parcels").doesNotContain("<", "&lt;", "&amp;", "\n");
        assertThat(description.codePointCount(0, description.length())).isLessThanOrEqualTo(500);
        String markdown = request(0).get("description_long").asText();
        assertThat(markdown).startsWith("## About the role\n\n")
                .contains("**next-generation arm**", "- Design real-time planners in C++ and Rust",
                        "[careers FAQ](https://northwind.example/careers/faq)");
    }

    @Test
    void candidateExpectationsComeFromTheRequirementsSectionOrTheTemplate() {
        assertThat(request(0).get("candidate_expectations").asText())
                .isEqualTo("- 5+ years of C++ in production\n- Experience with ROS 2 or a similar middleware\n"
                        + "- Fluent English; German is a plus");
        assertThat(request(3).get("candidate_expectations").asText())
                .startsWith("A strong candidate for Technicien·ne de maintenance robotique (Field Operations)");
    }

    @Test
    void theInterviewLanguageFollowsThePosting() {
        assertThat(jobs.stream().map(j -> j.request().get("mojito_language_code").asText()))
                .containsExactly("en", "de", "pl", "fr");
    }

    @Test
    void numbersAndFlagsHaveTheirJsonTypes() {
        ObjectNode body = request(0);
        assertThat(body.get("interview_attempts").isInt()).isTrue();
        assertThat(body.get("questions").get(0).get("duration").isInt()).isTrue();
        assertThat(body.get("questions").get(0).get("is_conditional").isBoolean()).isTrue();
        assertThat(body.has("cover_image_url")).isFalse();
        assertThat(StreamSupport.stream(body.spliterator(), false)).noneMatch(JsonNode::isNull);
    }

    @Test
    void questionsIncludeTheConditionalPairAndTheAtsScreeningQuestionsButNoContactFields() {
        JsonNode english = request(0).get("questions");
        assertThat(english.get(2).get("is_conditional").asBoolean()).isTrue();
        assertThat(english.get(3).get("conditional_question_main_id").asText())
                .isEqualTo(english.get(2).get("id").asText());

        JsonNode french = request(3).get("questions");
        assertThat(StreamSupport.stream(french.spliterator(), false).map(q -> q.get("question").asText()))
                .containsExactly("Qu'est-ce qui vous attire dans le poste Technicien·ne de maintenance robotique ?",
                        "Parlez-nous d'une expérience qui vous a bien préparé·e à ce poste.",
                        "Avez-vous un permis de conduire B valide ? (Oui, Non)",
                        "Décrivez une panne difficile que vous avez résolue.");
        assertThat(french.get(2).get("external_id").asText()).isEqualTo("question_5510001");
    }
}
