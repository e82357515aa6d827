package dev.jobmojito.connector.mapping;

import static dev.jobmojito.connector.support.TestMappings.inline;
import static dev.jobmojito.connector.support.TestMappings.mapRecord;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.support.TestMappings;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The mapping language, rule by rule, on small records. */
class MappingLanguageTest {

    /** The fields every test mapping needs, so each test shows only what it is about. */
    private static final String BASE = """
            fields:
              name: $.title
              description: Short text
              candidate_expectations: Someone good
              location: Berlin
            """;

    private static final String ONE_QUESTION = """
            questions:
              - id: q
                question: Why?
            """;

    private static Mapping mapping(String fields, String rest) {
        return inline(BASE + fields.indent(2) + rest);
    }

    private static JsonNode field(String fields, String record, String name) {
        MappedJob job = mapRecord(mapping(fields, ONE_QUESTION), record);
        return job.request().path(name);
    }

    @Test
    void aTemplateInterpolatesPathsAndListsAndGivesNothingWhenAllAreEmpty() {
        String rule = "interview_department: {template: \"{dept} ({$.offices[*].name})\"}";
        assertThat(field(rule, "{\"title\":\"T\",\"dept\":\"Ops\",\"offices\":[{\"name\":\"Oslo\"},{\"name\":\"Rome\"}]}",
                "interview_department").asText()).isEqualTo("Ops (Oslo, Rome)");
        assertThat(field(rule, "{\"title\":\"T\"}", "interview_department").isMissingNode()).isTrue();
        assertThat(field("interview_department: {template: \"{{literal}} {dept}\"}", "{\"title\":\"T\",\"dept\":\"X\"}",
                "interview_department").asText()).isEqualTo("{literal} X");
    }

    @Test
    void firstTakesTheFirstOptionThatGivesSomething() {
        String rule = "interview_department: {first: [$.team, $.department.name, Unassigned]}";
        assertThat(field(rule, "{\"title\":\"T\",\"team\":\" \",\"department\":{\"name\":\"Sales\"}}",
                "interview_department").asText()).isEqualTo("Sales");
        assertThat(field(rule, "{\"title\":\"T\"}", "interview_department").asText()).isEqualTo("Unassigned");
    }

    @Test
    void aDefaultFillsWhatThePathLeavesEmpty() {
        String rule = "interview_salary: {path: $.salary, default: on request}";
        assertThat(field(rule, "{\"title\":\"T\",\"salary\":null}", "interview_salary").asText())
                .isEqualTo("on request");
        assertThat(field(rule, "{\"title\":\"T\",\"salary\":\"50k\"}", "interview_salary").asText()).isEqualTo("50k");
    }

    @Test
    void conditionsChooseAValueRemoteButNotHybrid() {
        String rule = """
                location:
                  when:
                    - if:
                        any_of:
                          - {path: $.remote, equals: true}
                          - all_of:
                              - {path: $.where, matches: "(?i)remote"}
                              - not: {path: $.where, matches: "(?i)hybrid"}
                      then: remote
                  path: $.where
                """;
        Mapping mapping = inline("""
                fields:
                  name: $.title
                  description: d
                  candidate_expectations: c
                """ + rule.indent(2) + ONE_QUESTION);
        assertThat(mapRecord(mapping, "{\"title\":\"T\",\"remote\":\"TRUE\",\"where\":\"Oslo\"}").request()
                .get("location").asText()).isEqualTo("remote");
        assertThat(mapRecord(mapping, "{\"title\":\"T\",\"where\":\"Remote (EU)\"}").request().get("location")
                .asText()).isEqualTo("remote");
        assertThat(mapRecord(mapping, "{\"title\":\"T\",\"where\":\"Hybrid / Remote\"}").request().get("location")
                .asText()).isEqualTo("Hybrid / Remote");
    }

    @Test
    void equalsAcceptsAnyOfAListAndExistsTestsPresence() {
        String rule = """
                interview_department:
                  when:
                    - if: {path: $.dept, equals: [eng, engineering]}
                      then: Engineering
                    - if: {path: $.dept, exists: false}
                      then: None given
                  path: $.dept
                """;
        assertThat(field(rule, "{\"title\":\"T\",\"dept\":\"ENG\"}", "interview_department").asText())
                .isEqualTo("Engineering");
        assertThat(field(rule, "{\"title\":\"T\",\"dept\":\"\"}", "interview_department").asText())
                .isEqualTo("None given");
        assertThat(field(rule, "{\"title\":\"T\",\"dept\":\"Sales\"}", "interview_department").asText())
                .isEqualTo("Sales");
    }

    @Test
    void fromWhereSelectJoinsRelatedDataOfTheDocument() {
        Mapping mapping = inline("""
                records: $.data[*]
                fields:
                  name: $.attributes.title
                  description: d
                  candidate_expectations: c
                  location:
                    from: $doc.included[*]
                    where:
                      all_of:
                        - {path: $.type, equals: locations}
                        - {path: $.id, equals: "$record.relationships.locations.data[*].id"}
                    select: $.attributes.city
                    transform: {join: " / "}
                """ + ONE_QUESTION);
        String document = """
                {"data": [{"id": "1", "attributes": {"title": "Cook"},
                           "relationships": {"locations": {"data": [{"id": "7"}, {"id": "9"}]}}}],
                 "included": [{"type": "locations", "id": "7", "attributes": {"city": "Oslo"}},
                              {"type": "departments", "id": "7", "attributes": {"city": "not a location"}},
                              {"type": "locations", "id": "8", "attributes": {"city": "Rome"}},
                              {"type": "locations", "id": "9", "attributes": {"city": "Lyon"}}]}""";
        List<MappedJob> jobs = TestMappings.mapText(mapping, document, "jobs.json");
        assertThat(jobs).singleElement().satisfies(job -> {
            assertThat(job.problems()).isEmpty();
            assertThat(job.request().get("location").asText()).isEqualTo("Oslo / Lyon");
        });
    }

    @Test
    void valuesAreCoercedToTheTypeOfTheirField() {
        MappedJob job = mapRecord(mapping("""
                code: $.id
                interview_attempts: $.attempts
                required_pronunciation: $.pron
                questions_random_subset: $.subset
                tags: $.tag
                """, ONE_QUESTION), "{\"title\":\"T\",\"id\":77,\"attempts\":\"3\",\"pron\":\"yes\",\"subset\":\"0.5\","
                + "\"tag\":\"x\"}");
        assertThat(job.problems()).isEmpty();
        assertThat(job.request().get("code").isTextual()).isTrue();
        assertThat(job.request().get("interview_attempts").isInt()).isTrue();
        assertThat(job.request().get("required_pronunciation").isBoolean()).isTrue();
        assertThat(job.request().get("questions_random_subset").isNumber()).isTrue();
        assertThat(job.request().get("tags").isArray()).isTrue();
    }

    @Test
    void aValueThatCannotBeCoercedIsAProblemNamingFieldAndValue() {
        MappedJob job = mapRecord(mapping("interview_attempts: $.attempts\n", ONE_QUESTION),
                "{\"title\":\"T\",\"attempts\":\"three\"}");
        assertThat(job.problems()).extracting(Problem::toString)
                .containsExactly("interview_attempts: is not an integer (got \"three\")");
    }

    @Test
    void aRecordMatchingASkipRuleIsSkippedWithItsReasonAndKeepsItsCodeAndName() {
        Mapping mapping = inline(BASE + "  code: $.id\n" + """
                skip:
                  - when: {path: $.listed, equals: false}
                    reason: "unlisted posting {id}"
                """ + ONE_QUESTION);
        MappedJob skipped = mapRecord(mapping, "{\"id\": 5, \"title\": \"Cook\", \"listed\": false}");
        assertThat(skipped.skipped()).isTrue();
        assertThat(skipped.skipReason()).isEqualTo("unlisted posting 5");
        assertThat(skipped.code()).isEqualTo("5");
        assertThat(skipped.name()).isEqualTo("Cook");
        assertThat(mapRecord(mapping, "{\"id\": 6, \"title\": \"Cook\", \"listed\": true}").skipped()).isFalse();
    }

    @Test
    void environmentPlaceholdersAreResolvedWithDefaults() {
        Mapping mapping = TestMappings.loader(java.util.Map.of("COVER", "https://img.example/c.png")).load("t",
                "t.yaml", new java.io.StringReader(BASE + """
                          cover_image_url: ${COVER}
                          interview_salary: "${SALARY:-on request}"
                        """ + ONE_QUESTION));
        MappedJob job = mapRecord(mapping, "{\"title\":\"T\"}");
        assertThat(job.request().get("cover_image_url").asText()).isEqualTo("https://img.example/c.png");
        assertThat(job.request().get("interview_salary").asText()).isEqualTo("on request");
    }

    @Test
    void anUnsetVariableIsAProblemOfTheFieldThatNeedsIt() {
        Mapping mapping = TestMappings.loader().load("t", "t.yaml", new java.io.StringReader(BASE
                + "  knowledge_base_store_id: ${KB_ID}\n" + ONE_QUESTION));
        assertThat(mapping.unsetVariables()).containsEntry("knowledge_base_store_id", "KB_ID");
        assertThat(mapRecord(mapping, "{\"title\":\"T\"}").problems()).extracting(Problem::toString)
                .containsExactly("knowledge_base_store_id: needs environment variable KB_ID, which is not set");
    }

    @Test
    void questionsComeFromTheListSetsArraysAndChoices() {
        Mapping mapping = mapping("", """
                questions:
                  - id: intro
                    question: {template: "Why {title}?"}
                    duration: 60
                  - choose:
                      - when: {path: $.dept, equals: Engineering}
                        include: engineering
                      - include: general
                  - from: $.screening[*]
                    where: {not: {path: $.kind, equals: [email, file]}}
                    item:
                      question: $.text
                      external_id: $.key
                      mojito_language_code: $record.lang
                  - question: Anything else?
                    when: {path: $.senior, equals: true}
                question_sets:
                  engineering:
                    - id: design
                      question: Describe a system you designed.
                      is_conditional: true
                    - id: design_scale
                      question: How did it scale?
                      conditional_question_main_id: design
                  general:
                    - Tell us about yourself.
                """);
        MappedJob engineer = mapRecord(mapping, """
                {"title": "SRE", "dept": "engineering", "lang": "de", "senior": "yes",
                 "screening": [{"key": "s1", "text": "On call ok?", "kind": "yes_no"},
                               {"key": "s2", "text": "Email", "kind": "email"}]}""");
        assertThat(engineer.problems()).isEmpty();
        JsonNode questions = engineer.request().get("questions");
        assertThat(StreamSupport.stream(questions.spliterator(), false).map(q -> q.get("question").asText()))
                .containsExactly("Why SRE?", "Describe a system you designed.", "How did it scale?", "On call ok?",
                        "Anything else?");
        assertThat(questions.get(0).get("external_id").asText()).isEqualTo("intro");
        assertThat(questions.get(2).get("conditional_question_main_id").asText()).isEqualTo("design");
        assertThat(questions.get(3).get("external_id").asText()).isEqualTo("s1");
        assertThat(questions.get(3).get("mojito_language_code").asText()).isEqualTo("de");
        assertThat(questions.get(3).get("id").asText()).isEqualTo("q4");
        assertThat(questions.get(4).get("is_conditional").asBoolean()).isFalse();

        MappedJob other = mapRecord(mapping, "{\"title\": \"Clerk\", \"dept\": \"Admin\"}");
        assertThat(StreamSupport.stream(other.request().get("questions").spliterator(), false)
                .map(q -> q.get("question").asText())).containsExactly("Why Clerk?", "Tell us about yourself.");
    }

    @Test
    void questionsCanFollowARequestFieldWorkedOutAbove() {
        Mapping mapping = inline("""
                fields:
                  name: $.title
                  description: d
                  candidate_expectations: c
                  location: l
                  mojito_language_code:
                    when:
                      - if: {path: $.text, matches: '(?i)\\b(und|wir)\\b'}
                        then: de
                    default: en
                questions:
                  - choose:
                      - when: {path: $request.mojito_language_code, equals: de}
                        include: german
                      - include: english
                question_sets:
                  german: ["Warum wir?"]
                  english: ["Why us?"]
                """);
        assertThat(mapRecord(mapping, "{\"title\":\"T\",\"text\":\"Wir bauen und testen\"}").request()
                .at("/questions/0/question").asText()).isEqualTo("Warum wir?");
        assertThat(mapRecord(mapping, "{\"title\":\"T\",\"text\":\"We build\"}").request()
                .at("/questions/0/question").asText()).isEqualTo("Why us?");
    }

    @Test
    void aListOfValuesCanBeTransformedAsOne() {
        String rule = "description_long: {list: [$.intro, \"$.sections[*].text\"], transform: {join: \"\\n\\n\"}}";
        assertThat(field(rule, "{\"title\":\"T\",\"intro\":\"Hi\",\"sections\":[{\"text\":\"A\"},{\"text\":\"B\"}]}",
                "description_long").asText()).isEqualTo("Hi\n\nA\n\nB");
    }

    @Test
    void yesAndNoInAMappingAreTextAsInYaml12() {
        String rule = """
                mojito_language_code:
                  path: $.lang
                  transform: {lookup: {table: {norsk: no, english: en}}}
                """;
        assertThat(field(rule, "{\"title\":\"T\",\"lang\":\"Norsk\"}", "mojito_language_code").asText())
                .isEqualTo("no");
    }

    @Test
    void aRecordWithoutRequiredValuesIsReportedWithEveryProblem() {
        MappedJob job = mapRecord(inline("""
                fields:
                  name: $.title
                  description: $.text
                  candidate_expectations: c
                  location: $.city
                  mojito_language_code: $.lang
                """ + ONE_QUESTION), "{\"lang\": \"klingon\"}");
        assertThat(job.problems()).extracting(Problem::toString).containsExactlyInAnyOrder(
                "name: is required", "description: is required", "location: is required",
                "mojito_language_code: must be one of ar, bg, zh, hr, cs, da, nl, en, fil, fi, fr, de, el, hi, hu, "
                        + "id, it, ja, ko, ms, no, pl, pt, br, ro, ru, sk, es, sv, ta, th, tr, uk, vi (got \"klingon\")");
    }
}
