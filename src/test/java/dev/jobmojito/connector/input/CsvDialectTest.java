package dev.jobmojito.connector.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.support.TestMappings;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CSV as people send it: Excel in a European locale (semicolons, a byte-order mark, CRLF, quoted cells holding
 * the separator and line breaks), tabs, bars; and a file that does not fit the mapping refused with the fix.
 */
class CsvDialectTest {

    private static final Path FIELD_CASES = Path.of("src/test/resources/field-cases/csv-semicolon-excel/csv");
    private static final Mapping CSV = TestMappings.bundled("csv");

    private static List<InputRecord> read(Mapping mapping, String fileName, byte[] content) {
        List<InputRecord> records = new ArrayList<>();
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(content), fileName, mapping)) {
            stream.forEachRemaining(records::add);
        }
        return records;
    }

    private static List<MappedJob> map(String content, Charset charset) {
        List<MappedJob> jobs = new ArrayList<>();
        for (InputRecord record : read(CSV, "jobs.csv", content.getBytes(charset))) {
            jobs.add(CSV.map(record.node(), record.document(), record.index()));
        }
        return jobs;
    }

    @Test
    void anExcelExportWithSemicolonsBomAndQuotedLineBreaksIsReadAsTheJobsItHolds() {
        // before: the header became one column and every row "skipped: empty row"
        List<MappedJob> jobs = TestMappings.mapFile(CSV, FIELD_CASES.resolve("stellen-export.csv"));

        assertThat(jobs).hasSize(2).allSatisfy(job -> {
            assertThat(job.skipReason()).isNull();
            assertThat(job.problems()).isEmpty();
        });
        assertThat(jobs.get(0).request().get("code").asText()).isEqualTo("FX-201");
        assertThat(jobs.get(0).request().get("description").asText())
                .isEqualTo("Sie kommissionieren Ware; Schichtarbeit möglich.");
        assertThat(jobs.get(0).request().get("candidate_expectations").asText())
                .isEqualTo("- Staplerschein\n- Teamfähigkeit");
        assertThat(jobs.get(0).request().get("interview_salary").asText()).isEqualTo("2.400,00 €");
        assertThat(jobs.get(0).request().get("mojito_language_code").asText()).isEqualTo("de");
        assertThat(jobs.get(1).request().get("name").asText()).isEqualTo("Buchhalter");
    }

    @Test
    void aSemicolonFileWithoutCommasAnywhereIsReadToo() {
        List<MappedJob> jobs = TestMappings.mapFile(CSV, FIELD_CASES.resolve("stellen-ohne-komma.csv"));

        assertThat(jobs).extracting(j -> j.request().get("code").asText())
                .containsExactly("FX-301", "FX-302", "FX-303");
        assertThat(jobs.get(2).request().get("description").asText())
                .isEqualTo("Sie begrüßen Gäste und nehmen Anrufe an.");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "\t", "|"})
    void theSeparatorIsDetectedAmongCommaSemicolonTabAndBar(String separator) {
        String csv = String.join(separator, "title", "job_id", "description", "location") + "\r\n"
                + String.join(separator, "Cook", "C-1", "\"Cooks, bakes; plates | serves\tfood\r\nat night\"",
                "Lyon") + "\r\n"
                + String.join(separator, "Waiter", "W-2", "Serves", "Nice") + "\r\n";

        List<MappedJob> jobs = map(csv, StandardCharsets.UTF_8);

        assertThat(jobs).extracting(j -> j.request().get("code").asText()).containsExactly("C-1", "W-2");
        assertThat(jobs.get(0).request().get("location").asText()).isEqualTo("Lyon");
        assertThat(jobs.get(0).request().get("description").asText())
                .isEqualTo("Cooks, bakes; plates | serves food at night");
    }

    @Test
    void aUtf16ExportWithAByteOrderMarkAndTabsIsRead() {
        String csv = "job_id\ttitle\tdescription\r\nT-1\tKöchin\tKocht für 40 Gäste\r\n";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_16); // big-endian with a mark, as "Unicode text" saves

        List<InputRecord> records = read(CSV, "jobs.txt", bytes);

        assertThat(records).hasSize(1);
        assertThat(records.get(0).node().get("title").asText()).isEqualTo("Köchin");
    }

    @Test
    void rowsWhoseCellsAreAllEmptyArePassedOverButARowHoldingDataIsNeverAnEmptyRow() {
        String csv = "job_id;title;description;location\r\n"
                + ";;;\r\n"
                + "C-1;Cook;Cooks;Lyon\r\n"
                + ";;Serves at the bar;Nice\r\n";

        List<MappedJob> jobs = map(csv, StandardCharsets.UTF_8);

        assertThat(jobs).hasSize(2);
        assertThat(jobs.get(0).request().get("code").asText()).isEqualTo("C-1");
        MappedJob noId = jobs.get(1);
        assertThat(noId.skipReason()).isNull();
        assertThat(noId.problems()).isNotEmpty().anySatisfy(p -> assertThat(p.path()).isEqualTo("name"));
    }

    @Test
    void aHeaderWithNoneOfTheMappingsColumnsIsRefusedWithTheFix() {
        String csv = "Stellen-ID,Bezeichnung,Ort\r\nX-1,Koch,Bern\r\n";

        assertThatThrownBy(() -> read(CSV, "jobs.csv", csv.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("holds none of the columns the mapping reads")
                .hasMessageContaining("job_id").hasMessageContaining("title")
                .hasMessageContaining("Stellen-ID,Bezeichnung,Ort")
                .hasMessageContaining("mappings/csv.yaml");
    }

    @Test
    void aDeclaredSeparatorThatDoesNotFitTheFileIsRefusedNamingTheOneThatDoes() {
        Mapping commas = TestMappings.inline("""
                input:
                  format: csv
                  csv: {delimiter: ","}
                fields:
                  code: $.job_id
                  name: $.title
                  description: $.description
                  candidate_expectations: c
                  location: l
                questions:
                  - question: Why?
                """);
        byte[] semicolons = "job_id;title;description\r\n1;Cook;Cooks, bakes\r\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(commas, "jobs.csv", semicolons)).isInstanceOf(InputException.class)
                .hasMessageContaining("separated by \";\" (semicolon)")
                .hasMessageContaining("set input.csv.delimiter to \";\" in test.yaml, or to auto");
    }

    @Test
    void theColumnsAMappingReadsAreItsRecordPathsFirstNamesNotThoseOfListElementsOrWildcards() {
        Mapping mapping = TestMappings.inline("""
                fields:
                  code: $.job_id
                  name: {template: "{title}{? ({$record['dept name']})}"}
                  description: {from: "$.sections[*]", select: $.text, transform: {join: " "}}
                  candidate_expectations: {first: ["$.*", c]}
                  location: l
                questions:
                  - question: Why?
                """);

        assertThat(mapping.recordMembers()).containsExactly("job_id", "title", "dept name", "sections");
    }

    @Test
    void aDeclaredSeparatorIsUsedEvenWhereAnotherWouldSplitMore() {
        Mapping bars = TestMappings.inline("""
                input:
                  format: csv
                  csv: {delimiter: "|"}
                fields:
                  name: $.title
                  description: $.description
                  candidate_expectations: c
                  location: l
                questions:
                  - question: Why?
                """);
        byte[] content = "title|description\nCook|Cooks, bakes, plates; serves\n".getBytes(StandardCharsets.UTF_8);

        List<InputRecord> records = read(bars, "jobs.csv", content);

        assertThat(records.get(0).node().get("description").asText()).isEqualTo("Cooks, bakes, plates; serves");
    }
}
