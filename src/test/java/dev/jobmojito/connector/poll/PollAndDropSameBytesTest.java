package dev.jobmojito.connector.poll;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.FakeAts;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import mockwebserver3.MockResponse;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same bytes give the same requests whether an ATS API answers them to a poll or they are dropped as a
 * file: the bytes reach the reader undecoded and the charset is decided once (byte-order mark, the XML
 * declaration, the HTTP charset, the mapping's).
 */
class PollAndDropSameBytesTest {

    private static final Path LATIN1_FEED = Path.of(
            "src/test/resources/field-cases/http-poll-latin1-xml/personio/feed-served-as-iso-8859-1.xml");
    private static final Path EXCEL_CSV = Path.of(
            "src/test/resources/field-cases/csv-semicolon-excel/csv/stellen-export.csv");

    @TempDir
    Path work;

    private FakeAts ats;
    private JobMojitoStandIn jobMojito;
    private int runs;

    @BeforeEach
    void start() {
        ats = new FakeAts();
        jobMojito = new JobMojitoStandIn();
    }

    @AfterEach
    void stop() {
        ats.close();
        jobMojito.close();
    }

    /** The requests one once-mode run sends, each run with a ledger of its own. */
    private List<JsonNode> sent(Runnable run) {
        int before = jobMojito.creates().size();
        run.run();
        return jobMojito.creates().subList(before, jobMojito.creates().size()).stream()
                .map(JobMojitoStandIn.Received::body).map(JsonNode.class::cast).toList();
    }

    private OnceRunner connector() {
        return new OnceRunner(work.resolve("run-" + ++runs)).against(jobMojito);
    }

    private List<JsonNode> polled(String mapping, byte[] bytes, String contentType) {
        ats.serve(request -> new MockResponse.Builder().code(200).setHeader("Content-Type", contentType)
                .body(new Buffer().write(bytes)).build());
        return sent(() -> assertThat(connector().run("--connector.poll.url=" + ats.baseUrl() + "/feed",
                "--connector.poll.mapping=" + mapping)).isZero());
    }

    private List<JsonNode> dropped(String mapping, String name, byte[] bytes) {
        return sent(() -> {
            OnceRunner connector = connector();
            try {
                Path file = connector.inbox().resolve(mapping).resolve(name);
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
                Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 5_000));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(connector.run()).isZero();
        });
    }

    @Test
    void aLatin1XmlFeedReadsTheSameWithOrWithoutACharsetAndWithAWrongOne() throws IOException {
        byte[] feed = Files.readAllBytes(LATIN1_FEED);

        List<JsonNode> drop = dropped("personio", "feed.xml", feed);
        assertThat(drop).hasSize(1);
        // before: "KÃ¶chin" with charset=ISO-8859-1 in the response, "K\uFFFDchin" without
        assertThat(drop.get(0).get("name").asText()).isEqualTo("Köchin / Koch (w/m/d)");
        assertThat(drop.get(0).get("location").asText()).isEqualTo("Zürich");

        assertThat(polled("personio", feed, "application/xml; charset=ISO-8859-1")).isEqualTo(drop);
        assertThat(polled("personio", feed, "application/xml")).isEqualTo(drop);
        // the document's own declaration outranks a transport that says otherwise
        assertThat(polled("personio", feed, "text/xml; charset=UTF-8")).isEqualTo(drop);
    }

    @Test
    void anExcelCsvAndAJsonWithAByteOrderMarkReadTheSamePolledAndDropped() throws IOException {
        byte[] csv = Files.readAllBytes(EXCEL_CSV);
        List<JsonNode> csvDrop = dropped("csv", "jobs.csv", csv);
        assertThat(csvDrop).hasSize(2);
        // jobs of one batch are delivered in parallel: the same requests, in any order
        assertThat(polled("csv", csv, "text/csv")).containsExactlyInAnyOrderElementsOf(csvDrop);

        byte[] json = ("\uFEFF{\"jobs\": [{\"id\": 77, \"title\": \"Bäckerin\", \"location\": {\"name\": \"Malmö\"},"
                + " \"language\": \"en\", \"content\": \"&lt;p&gt;Brot für Malmö.&lt;/p&gt;\","
                + " \"departments\": [{\"name\": \"Bäckerei\"}]}]}").getBytes(StandardCharsets.UTF_8);
        List<JsonNode> jsonDrop = dropped("greenhouse", "jobs.json", json);
        assertThat(jsonDrop).hasSize(1);
        assertThat(jsonDrop.get(0).get("name").asText()).isEqualTo("Bäckerin");
        assertThat(polled("greenhouse", json, "application/json")).isEqualTo(jsonDrop);
    }
}
