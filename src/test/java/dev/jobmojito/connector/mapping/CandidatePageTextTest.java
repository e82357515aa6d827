package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.TestMappings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text as a candidate page shows it: Teamtailor locations with their country, Personio summaries without titles. */
class CandidatePageTextTest {

    private static String teamtailorPage(String locations) {
        return """
                {"data": [{"id": "7", "type": "jobs",
                   "attributes": {"title": "Baker", "body": "<p>Bake bread.</p>", "status": "open",
                                  "remote-status": "none", "language-code": "sv"},
                   "relationships": {"locations": {"data": [%s]}}}],
                 "included": [
                   {"id": "1", "type": "locations", "attributes": {"name": "HQ", "city": "Malmö", "country": "Sweden"}},
                   {"id": "2", "type": "locations", "attributes": {"name": "", "city": "Oslo", "country": null}},
                   {"id": "3", "type": "locations", "attributes": {"name": "Harbour office", "city": "", "country": ""}}
                 ]}""".formatted(locations);
    }

    private static String location(String page) {
        List<MappedJob> jobs = TestMappings.mapText(TestMappings.bundled("teamtailor"), page, "jobs.json");
        return jobs.get(0).request().get("location").asText();
    }

    @Test
    void aTeamtailorLocationIsCityAndCountryAndEachOfSeveralKeepsItsOwn() {
        // before: "Malmö" (the city only)
        assertThat(location(teamtailorPage("{\"id\": \"1\", \"type\": \"locations\"}"))).isEqualTo("Malmö, Sweden");
        assertThat(location(teamtailorPage("{\"id\": \"2\", \"type\": \"locations\"}"))).isEqualTo("Oslo");
        assertThat(location(teamtailorPage("{\"id\": \"3\", \"type\": \"locations\"}"))).isEqualTo("Harbour office");
        assertThat(location(teamtailorPage(
                "{\"id\": \"1\", \"type\": \"locations\"}, {\"id\": \"2\", \"type\": \"locations\"}")))
                .isEqualTo("Malmö, Sweden; Oslo");
        assertThat(location(teamtailorPage(""))).isEqualTo("Not specified");
    }

    @Test
    void aPersonioSummaryIsTheSectionsTextWithoutTheirTitles() {
        // before: "Deine Aufgaben Du bereitest Gerichte ..."
        List<MappedJob> jobs = TestMappings.mapFile(TestMappings.bundled("personio"), Path.of(
                "src/test/resources/field-cases/http-poll-latin1-xml/personio/feed-served-as-iso-8859-1.xml"));

        String description = jobs.get(0).request().get("description").asText();
        assertThat(description).startsWith("Du bereitest Gerichte à la carte zu").doesNotContain("Deine Aufgaben")
                .doesNotContain("Dein Profil").contains("Abgeschlossene Lehre als Köchin/Koch");
        // the long description keeps the titles as headings
        assertThat(jobs.get(0).request().get("description_long").asText()).contains("### Deine Aufgaben");
    }
}
