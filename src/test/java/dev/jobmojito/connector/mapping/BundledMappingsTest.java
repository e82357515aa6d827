package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.PublishedSchema;
import dev.jobmojito.connector.support.TestMappings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every bundled mapping on its sample: the jobs that should map do so without a problem and conform to the
 * published schema, the ones its ATS marks as not to publish are skipped, remote is remote and hybrid is not,
 * and titles keep their Unicode.
 */
class BundledMappingsTest {

    private static List<MappedJob> map(String mapping, String sample) {
        return TestMappings.mapFile(TestMappings.bundled(mapping), Path.of("samples", mapping, sample));
    }

    private static Map<String, JsonNode> byCode(List<MappedJob> jobs) {
        return jobs.stream().filter(j -> !j.skipped()).collect(Collectors.toMap(MappedJob::code,
                MappedJob::request, (a, b) -> a));
    }

    @ParameterizedTest(name = "{0}/{1}: {2} mapped, {3} skipped")
    @CsvSource(textBlock = """
            greenhouse,      jobs.json,           4, 0
            lever,           postings.json,       5, 0
            workable,        jobs.json,           3, 2
            smartrecruiters, postings.json,       5, 0
            smartrecruiters, posting-single.json, 1, 0
            personio,        positions.xml,       5, 0
            personio,        single-position.xml, 1, 0
            ashby,           job-board.json,      4, 1
            recruitee,       offers.json,         4, 1
            teamtailor,      jobs.json,           4, 2
            indeed,          feed.xml,            5, 0
            csv,             jobs.csv,            5, 1
            """)
    void everySampleJobMapsWithoutProblemsOrIsSkippedWithAReason(String mapping, String sample, int mapped,
                                                                int skipped) {
        List<MappedJob> jobs = map(mapping, sample);
        assertThat(jobs.stream().filter(MappedJob::skipped)).hasSize(skipped)
                .allSatisfy(job -> assertThat(job.skipReason()).isNotBlank());
        List<MappedJob> sent = jobs.stream().filter(j -> !j.skipped()).toList();
        assertThat(sent).hasSize(mapped).allSatisfy(job -> {
            assertThat(job.problems()).as("problems of %s", job.code()).isEmpty();
            assertThat(PublishedSchema.violations(job.request())).as("schema of %s", job.code()).isEmpty();
            assertThat(job.request().get("code").isTextual()).isTrue();
            assertThat(job.request().get("description").asText()).doesNotContain("<", "&lt;", "&amp;", "&nbsp;");
            assertThat(job.request().get("questions").size()).isGreaterThanOrEqualTo(2);
        });
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            lever           | 5d0e9f34-8a17-4c2b-b6e3-71f4a2c8d9e6 | remote
            lever           | 3f6c2a91-7d4e-4b8a-9c1f-5e2d8a7b6c01 | Berlin
            workable        | 2B7E4D0C61                           | remote
            workable        | 8F3A2C1D9B                           | Oslo, Oslo, Norway
            ashby           | 2b9d4e61-7a0c-4f35-8e12-c6a3f9d05b71 | remote
            ashby           | 7e4c0a93-1d58-4b26-a9f7-3e0b8c6d2f14 | Zürich
            recruitee       | 1840402                              | remote
            teamtailor      | 48220                                | remote
            teamtailor      | 48213                                | Stockholm, Sweden; Göteborg, Sweden
            indeed          | LRK-NWR-10482                        | remote
            indeed          | LRK-BFA-20417                        | Zürich, ZH, CH
            csv             | JM-1002                              | remote
            personio        | 1482047                              | remote
            smartrecruiters | 744000052874415                      | remote
            """)
    void remotePostingsAreRemoteAndHybridOnesKeepTheirPlace(String mapping, String code, String location) {
        String sample = Map.of("lever", "postings.json", "workable", "jobs.json", "ashby", "job-board.json",
                "recruitee", "offers.json", "teamtailor", "jobs.json", "indeed", "feed.xml", "csv", "jobs.csv",
                "personio", "positions.xml", "smartrecruiters", "postings.json").get(mapping);
        assertThat(byCode(map(mapping, sample)).get(code).get("location").asText()).isEqualTo(location);
    }

    @ParameterizedTest(name = "{0}: {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ashby           | job-board.json | ソリューションエンジニア（農業DX）                 | ja
            lever           | postings.json  | Ingénieur·e logiciel embarqué (C++)         | fr
            recruitee       | offers.json    | Programista/Programistka Unity (C#)         | pl
            smartrecruiters | postings.json  | Technicien·ne de maintenance – Genève       | fr
            teamtailor      | jobs.json      | Programista / Programistka Java (Kraków)    | pl
            indeed          | feed.xml       | Kierownik zmiany magazynowej                | pl
            csv             | jobs.csv       | Lagerlogistiker:in (m/w/d) – Köln           | de
            """)
    void titlesKeepTheirUnicodeAndTheInterviewTakesThePostingsLanguage(String mapping, String sample, String title,
                                                                      String language) {
        JsonNode request = map(mapping, sample).stream().map(MappedJob::request)
                .filter(r -> r.path("name").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no job titled " + title));
        assertThat(request.get("mojito_language_code").asText()).isEqualTo(language);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            recruitee,  offers.json
            greenhouse, jobs.json
            """)
    void screeningQuestionsOfTheAtsBecomeQuestionsWithTheirAtsIdAndContactFieldsDoNot(String mapping, String sample) {
        List<JsonNode> questions = map(mapping, sample).stream().filter(j -> !j.skipped())
                .flatMap(j -> java.util.stream.StreamSupport.stream(j.request().get("questions").spliterator(), false))
                .toList();
        assertThat(questions).extracting(q -> q.path("question").asText())
                .noneMatch(text -> text.matches("(?i)^(e-?mail|first name|last name|phone|resume.*|cv)$"));
        Function<JsonNode, String> externalId = q -> q.path("external_id").asText("");
        assertThat(questions).extracting(externalId).allMatch(id -> !id.isBlank());
    }
}
