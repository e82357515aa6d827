package dev.jobmojito.connector.jobmojito;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.PublishedSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestValidatorTest {

    private final RequestValidator seed = RequestValidator.seed();

    /** A body that satisfies the seed page and the published schema. */
    static ObjectNode validBody() {
        ObjectNode body = Json.object();
        body.put("code", "gh-1");
        body.put("name", "Backend Engineer");
        body.put("description", "Build our APIs");
        body.put("candidate_expectations", "Three years of Java");
        body.put("interview_type", "pre-screening");
        body.put("location", "Berlin");
        body.put("interview_attempts", 2);
        body.put("interview_template_id", "681a489c-0f5d-4c19-8b1c-6ceadaad3793");
        body.put("status", "draft");
        body.put("visibility", "merchant_invite");
        body.put("type", "interview");
        body.put("mojito_language_code", "en");
        ArrayNode questions = body.putArray("questions");
        ObjectNode main = questions.addObject();
        main.put("id", "q1");
        main.put("question", "Have you lived in Paris?");
        main.put("is_conditional", true);
        main.put("duration", 30);
        ObjectNode followUp = questions.addObject();
        followUp.put("id", "q2");
        followUp.put("question", "What did you like most about it?");
        followUp.put("is_conditional", false);
        followUp.put("conditional_question_main_id", "q1");
        return body;
    }

    private List<String> problemsOf(ObjectNode body) {
        return seed.validate(body).stream().map(Problem::toString).toList();
    }

    @Test
    void aCompleteBodyHasNoProblemsAndMatchesThePublishedSchema() {
        assertThat(problemsOf(validBody())).isEmpty();
        assertThat(PublishedSchema.violations(validBody())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "description", "candidate_expectations", "interview_type", "location",
            "interview_attempts", "interview_template_id", "status", "visibility", "type", "mojito_language_code",
            "questions"})
    void everyFieldTheSeedRequiresIsRequired(String field) {
        ObjectNode body = validBody();
        body.remove(field);
        assertThat(problemsOf(body)).containsExactly(field + ": is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "question", "is_conditional"})
    void everyQuestionFieldTheSeedRequiresIsRequired(String field) {
        ObjectNode body = validBody();
        ((ObjectNode) body.get("questions").get(0)).remove(field);
        assertThat(problemsOf(body)).contains("questions[0]." + field + ": is required");
    }

    @Test
    void theApiRulesRequireOnlyWhatTheCurrentSchemaRequires() {
        ObjectNode body = validBody();
        body.remove(List.of("candidate_expectations", "interview_type", "interview_attempts"));
        ((ObjectNode) body.get("questions").get(0)).remove("is_conditional");
        assertThat(new RequestValidator(ValidationRules.API).validate(body)).isEmpty();
        assertThat(PublishedSchema.violations(body)).isEmpty();
    }

    @Test
    void blankRequiredTextIsAProblemWithItsValue() {
        ObjectNode body = validBody();
        body.put("name", "  ");
        assertThat(problemsOf(body)).containsExactly("name: must not be empty (got \"  \")");
    }

    @Test
    void atLeastOneQuestionIsRequired() {
        ObjectNode body = validBody();
        body.putArray("questions");
        assertThat(problemsOf(body)).containsExactly("questions: must hold at least one question (got [])");
    }

    @Test
    void enumsAcceptTheDocumentedAndTheNewerValues() {
        ObjectNode body = validBody();
        body.put("type", "assessment");
        body.put("interview_type", "strength-based-interview");
        assertThat(problemsOf(body)).isEmpty();
        body.put("status", "published");
        body.put("visibility", "public");
        body.put("recording", "everything");
        assertThat(problemsOf(body)).containsExactly(
                "status: must be one of draft, active (got \"published\")",
                "visibility: must be one of merchant_public, merchant_invite, merchant_unlisted (got \"public\")",
                "recording: must be one of audio_first_5_answers, audio_all, video_all, video_first_5_answers "
                        + "(got \"everything\")");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 11, -1})
    void interviewAttemptsMustBeOneToTen(int attempts) {
        ObjectNode body = validBody();
        body.put("interview_attempts", attempts);
        assertThat(problemsOf(body)).containsExactly("interview_attempts: must be between 1 and 10 (got "
                + attempts + ")");
    }

    @Test
    void problemsComeInTheContractsOrderWhateverTheOrderOfTheMembers() {
        ObjectNode reversed = Json.object();
        List<String> names = new java.util.ArrayList<>();
        validBody().fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String name : names) {
            reversed.set(name, validBody().get(name));
        }
        reversed.put("status", "live");
        reversed.remove("location");
        reversed.put("interview_attempts", 0);
        reversed.putNull("description");
        assertThat(problemsOf(reversed)).containsExactly(
                "description: is required",
                "location: is required",
                "interview_attempts: must be between 1 and 10 (got 0)",
                "status: must be one of draft, active (got \"live\")");
    }

    @Test
    void numbersMustBeSentAsNumbersAndFlagsAsBooleans() {
        ObjectNode body = validBody();
        body.put("interview_attempts", "3");
        ((ObjectNode) body.get("questions").get(0)).put("is_conditional", "true");
        assertThat(problemsOf(body)).containsExactly(
                "interview_attempts: must be an integer (got \"3\")",
                "questions[0].is_conditional: must be a boolean (got \"true\")");
    }

    @Test
    void languageCodesComeFromTheDocumentedList() {
        ObjectNode body = validBody();
        body.put("mojito_language_code", "english");
        ((ObjectNode) body.get("questions").get(1)).put("mojito_language_code", "xx");
        assertThat(problemsOf(body)).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("mojito_language_code: must be one of ar, bg, zh")
                        .endsWith("(got \"english\")"))
                .anySatisfy(p -> assertThat(p).startsWith("questions[1].mojito_language_code: must be one of")
                        .endsWith("(got \"xx\")"));
    }

    @Test
    void questionIdsMustBeUnique() {
        ObjectNode body = validBody();
        ((ObjectNode) body.get("questions").get(1)).put("id", "q1");
        ((ObjectNode) body.get("questions").get(1)).remove("conditional_question_main_id");
        assertThat(problemsOf(body)).containsExactly("questions[1].id: repeats the id of questions[0] (got \"q1\")");
    }

    @Test
    void aConditionalQuestionMustNameAnEarlierQuestion() {
        ObjectNode body = validBody();
        ArrayNode questions = (ArrayNode) body.get("questions");
        // the follow-up moved before its main question
        questions.insert(0, questions.remove(1));
        assertThat(problemsOf(body)).containsExactly(
                "questions[0].conditional_question_main_id: must name the id of an earlier question (got \"q1\")");
    }

    @Test
    void aConditionalQuestionMustNameAMainConditionalQuestion() {
        ObjectNode body = validBody();
        ((ObjectNode) body.get("questions").get(0)).put("is_conditional", false);
        assertThat(problemsOf(body)).containsExactly("questions[1].conditional_question_main_id: names questions[0],"
                + " which is not a main conditional question (is_conditional is not true) (got \"q1\")");
    }

    @Test
    void aConditionalQuestionMustNotNameAnUnknownId() {
        ObjectNode body = validBody();
        ((ObjectNode) body.get("questions").get(1)).put("conditional_question_main_id", "q9");
        assertThat(problemsOf(body)).containsExactly(
                "questions[1].conditional_question_main_id: must name the id of an earlier question (got \"q9\")");
    }

    @Test
    void boundsOfTheNewerFieldsAreChecked() {
        ObjectNode body = validBody();
        body.put("questions_random_subset", 0.95);
        body.put("max_followups", 1000);
        ((ObjectNode) body.get("questions").get(0)).put("duration", 0);
        assertThat(problemsOf(body)).containsExactlyInAnyOrder(
                "questions[0].duration: must be at least 1 (got 0)",
                "questions_random_subset: must be between 0.01 and 0.9 (got 0.95)",
                "max_followups: must be between 0 and 999 (got 1000)");
    }

    @Test
    void membersOfKnownObjectsAreChecked() {
        ObjectNode body = validBody();
        body.putObject("pdf_export_auto_config").put("template", "fancy").put("transcript", "yes");
        assertThat(problemsOf(body)).containsExactly(
                "pdf_export_auto_config.transcript: must be a boolean (got \"yes\")",
                "pdf_export_auto_config.template: must be one of classic, modern, one_pager (got \"fancy\")");
    }
}
