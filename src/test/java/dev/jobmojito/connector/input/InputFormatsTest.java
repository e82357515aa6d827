package dev.jobmojito.connector.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.support.TestMappings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every input format becomes the same kind of records, read as a stream, with clear errors. */
class InputFormatsTest {

    private static final String FIELDS = """
            fields:
              name: $.title
              description: d
              candidate_expectations: c
              location: l
            questions:
              - question: Why?
            """;

    private static Mapping mapping(String head) {
        return TestMappings.inline(head + FIELDS);
    }

    private static List<InputRecord> read(Mapping mapping, String fileName, byte[] content) {
        List<InputRecord> records = new ArrayList<>();
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(content), fileName, mapping)) {
            stream.forEachRemaining(records::add);
        }
        return records;
    }

    private static List<InputRecord> read(Mapping mapping, String fileName, String content) {
        return read(mapping, fileName, content.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> titles(List<InputRecord> records) {
        return records.stream().map(r -> r.node().path("title").asText()).toList();
    }

    @Test
    void jsonRecordsCanBeARootArrayAnObjectHoldingAnArrayOrASingleObject() {
        Mapping auto = mapping("");
        assertThat(titles(read(auto, "a.json", "[{\"title\":\"A\"},{\"title\":\"B\"}]"))).containsExactly("A", "B");
        assertThat(titles(read(auto, "one.json", "{\"title\":\"Solo\"}"))).containsExactly("Solo");
        Mapping nested = mapping("records: $.data.jobs[*]\n");
        assertThat(titles(read(nested, "n.json",
                "{\"meta\":{\"x\":[1,2]},\"data\":{\"count\":2,\"jobs\":[{\"title\":\"C\"},{\"title\":\"D\"}]},\"z\":1}")))
                .containsExactly("C", "D");
    }

    @Test
    void aFilterInTheRecordsPathReadsTheWholeDocument() {
        Mapping filtered = mapping("records: \"$.jobs[?(@.open == true)]\"\n");
        assertThat(titles(read(filtered, "f.json",
                "{\"jobs\":[{\"title\":\"A\",\"open\":true},{\"title\":\"B\",\"open\":false}]}")))
                .containsExactly("A");
    }

    @Test
    void recordsThatAreNotWhereTheMappingSaysAreAnErrorNotAnEmptyFile() {
        Mapping nested = mapping("records: $.jobs[*]\n");
        assertThatThrownBy(() -> read(nested, "x.json", "{\"postings\":[{\"title\":\"A\"}]}"))
                .isInstanceOf(InputException.class).hasMessageContaining("the file has no $.jobs[*]");
        assertThat(read(nested, "empty.json", "{\"jobs\":[]}")).isEmpty();
    }

    @Test
    void aTruncatedFileIsAnErrorAfterTheRecordsReadSoFar() {
        Mapping nested = mapping("records: $.jobs[*]\n");
        List<InputRecord> seen = new ArrayList<>();
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(
                "{\"jobs\":[{\"title\":\"A\"},{\"title\":\"B\"},{\"ti".getBytes(StandardCharsets.UTF_8)), "t.json",
                nested)) {
            assertThatThrownBy(() -> stream.forEachRemaining(seen::add)).isInstanceOf(InputException.class)
                    .hasMessageContaining("invalid JSON at line 1");
        }
        assertThat(titles(seen)).containsExactly("A", "B");
    }

    @Test
    void ndjsonHasOneRecordPerLineAndABrokenLineIsThatRecordsProblem() {
        List<InputRecord> records = read(mapping(""), "jobs.ndjson",
                "{\"title\":\"A\"}\n\n{\"title\": oops}\n{\"title\":\"C\"}\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(0).line()).isEqualTo(1);
        assertThat(records.get(1).problem()).startsWith("line 3: invalid JSON");
        assertThat(records.get(2).node().get("title").asText()).isEqualTo("C");
        assertThat(records.get(2).line()).isEqualTo(4);
    }

    @Test
    void csvRowsBecomeObjectsKeyedByTheHeaderWithRfc4180Quoting() {
        String csv = "\uFEFFjob_id,title,description,remote\r\n"
                + "1,Cook,\"Cooks, bakes and \"\"plates\"\"\nfood\",yes\r\n"
                + "\r\n"
                + "2,Zürich Waiter,Serves,no\r\n";
        List<InputRecord> records = read(mapping(""), "jobs.csv", csv);
        assertThat(records).hasSize(2);
        JsonNode first = records.get(0).node();
        assertThat(first.get("job_id").asText()).isEqualTo("1");
        assertThat(first.get("description").asText()).isEqualTo("Cooks, bakes and \"plates\"\nfood");
        assertThat(first.get("remote").asText()).isEqualTo("yes");
        assertThat(records.get(0).line()).isEqualTo(2);
        assertThat(records.get(1).node().get("title").asText()).isEqualTo("Zürich Waiter");
        assertThat(records.get(1).line()).isEqualTo(5);
    }

    @Test
    void csvDelimiterAndCharsetComeFromTheMapping() {
        Mapping semicolonLatin1 = mapping("input:\n  charset: ISO-8859-1\n  csv: {delimiter: \";\"}\n");
        byte[] latin1 = "id;title\n1;Kellner Zürich\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(titles(read(semicolonLatin1, "jobs.csv", latin1))).containsExactly("Kellner Zürich");
    }

    @Test
    void textThatIsNotValidInTheCharsetIsAnErrorNamingTheLine() {
        byte[] latin1 = "id,title\n1,Cook\n2,Kellner Z\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(mapping(""), "jobs.csv", latin1)).isInstanceOf(InputException.class)
                .hasMessageContaining("not valid UTF-8").hasMessageContaining("line 3");
    }

    @Test
    void aCsvRowWithTooManyCellsIsThatRowsProblem() {
        List<InputRecord> records = read(mapping(""), "jobs.csv", "id,title\n1,Cook\n2,Baker,extra\n3,Chef\n");
        assertThat(records).hasSize(3);
        assertThat(records.get(1).problem()).contains("has 3 cells but the header has 2");
        assertThat(records.get(2).node().get("title").asText()).isEqualTo("Chef");
    }

    @Test
    void xmlElementsBecomeRecordsWithCdataTextAndRepeatedChildrenAsLists() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <source>
                  <publisher>Acme</publisher>
                  <job id="1"><title><![CDATA[Cook & <b>Chef</b>]]></title><tag>a</tag><tag>b</tag></job>
                  <job id="2"><title>Waiter</title><tag>c</tag></job>
                </source>""";
        Mapping jobs = mapping("records: $.job[*]\ninput:\n  xml: {lists: [tag]}\n");
        List<InputRecord> records = read(jobs, "feed.xml", xml);
        assertThat(titles(records)).containsExactly("Cook & <b>Chef</b>", "Waiter");
        assertThat(records.get(0).node().get("id").asText()).isEqualTo("1");
        assertThat(records.get(0).node().get("tag")).hasSize(2);
        assertThat(records.get(1).node().get("tag").isArray()).isTrue();
    }

    @Test
    void aFeedWithASingleRecordElementStillReadsAsAList() {
        Mapping jobs = mapping("records: $.job[*]\n");
        assertThat(titles(read(jobs, "feed.xml", "<source><job><title>Only</title></job></source>")))
                .containsExactly("Only");
    }

    @Test
    void xmlNeverResolvesExternalEntitiesOrDtds() {
        String attack = """
                <?xml version="1.0"?>
                <!DOCTYPE source [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <source><job><title>&secret;</title></job></source>""";
        Mapping jobs = mapping("records: $.job[*]\n");
        assertThatThrownBy(() -> read(jobs, "feed.xml", attack)).isInstanceOf(InputException.class)
                .hasMessageContaining("invalid XML").hasMessageNotContaining("root:");
    }

    @Test
    void anXmlFeedOfAnotherShapeIsAnError() {
        Mapping jobs = mapping("records: $.job[*]\n");
        assertThatThrownBy(() -> read(jobs, "feed.xml", "<feed><position><name>X</name></position></feed>"))
                .isInstanceOf(InputException.class).hasMessageContaining("no <job> elements")
                .hasMessageContaining("<position>");
    }
}
