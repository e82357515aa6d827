package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same export again and again keeps JobMojito in step: each posting is one interview, unchanged
 * ones cost no call, changed ones are updated in place, and the ledger survives restarts (each run here is a
 * new start of the connector on the same state folder).
 */
class SyncOnceRunTest {

    private static final Path SAMPLE = Path.of("samples/greenhouse/jobs.json");

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito);
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    private List<JsonNode> resultsOfRun(int run) {
        List<JsonNode> all = connector.resultLines();
        return all.subList((run - 1) * 4, Math.min(all.size(), run * 4));
    }

    @Test
    void aSecondRunOfTheSameExportSkipsEveryPostingWithoutCreatingAnything() {
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();
        int callsAfterFirst = jobMojito.received().size();

        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();

        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(jobMojito.creates()).hasSize(4);
        assertThat(jobMojito.received()).hasSize(callsAfterFirst);
        assertThat(resultsOfRun(2)).allSatisfy(line -> {
            assertThat(line.get("status").asText()).isEqualTo("skipped");
            assertThat(line.get("errors").get(0).asText()).startsWith("unchanged since");
            assertThat(line.get("interview_def_set_id").asText()).isNotBlank();
        });
    }

    @Test
    void aChangedTitleUpdatesTheSameInterviewInPlace() throws IOException {
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();
        String id = connector.resultLines().stream().filter(l -> l.get("code").asText().equals("4012001"))
                .findFirst().orElseThrow().get("interview_def_set_id").asText();

        connector.drop("greenhouse", "jobs.json", Files.readString(SAMPLE)
                .replace("Senior Robotics Software Engineer", "Lead Robotics Software Engineer"));
        assertThat(connector.run()).isZero();

        assertThat(jobMojito.creates()).hasSize(4);
        List<JobMojitoStandIn.Received> updates = jobMojito.received().stream()
                .filter(r -> r.path().equals("/job-interview-update")).toList();
        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.body().get("position_id").asText()).isEqualTo(id);
            assertThat(update.body().get("name").asText()).isEqualTo("Lead Robotics Software Engineer");
            // the title is in a question too: the questions go as the complete list, matched by external_id
            assertThat(update.body().get("questions")).hasSize(4);
            assertThat(update.body().at("/questions/0/external_id").asText()).isEqualTo("motivation");
            assertThat(update.body().has("description")).isFalse();
        });
        JsonNode updated = connector.resultLines().stream().filter(l -> l.get("status").asText().equals("updated"))
                .findFirst().orElseThrow();
        assertThat(updated.get("interview_def_set_id").asText()).isEqualTo(id);
        assertThat(jobMojito.interviews()).filteredOn(i -> i.get("id").asText().equals(id)).singleElement()
                .satisfies(i -> assertThat(i.get("name").asText()).isEqualTo("Lead Robotics Software Engineer"));
    }

    @Test
    void aMappingEditedAfterItsPostingsWereRecognisedUnchangedUpdatesThemAll() throws IOException {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Path greenhouse = mappings.resolve("greenhouse.yaml");
        Files.copy(Path.of("mappings/greenhouse.yaml"), greenhouse);
        String withMappings = "--connector.mappings=" + mappings;
        // created; then found unchanged by mapping (fingerprints noted); then recognised without mapping
        for (int run = 1; run <= 3; run++) {
            connector.dropSample("greenhouse", SAMPLE);
            assertThat(connector.run(withMappings)).isZero();
        }
        assertThat(resultsOfRun(3)).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("skipped"));

        // the name is made differently now: the records are the same, the requests are not
        Files.writeString(greenhouse, Files.readString(greenhouse)
                .replace("  name: $.title\n", "  name: {template: \"{title} (Northwind)\"}\n"));
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run(withMappings)).isZero();

        assertThat(resultsOfRun(4)).allSatisfy(line -> assertThat(line.get("status").asText()).isEqualTo("updated"));
        assertThat(jobMojito.received()).filteredOn(r -> r.path().equals("/job-interview-update")).hasSize(4)
                .allSatisfy(update -> assertThat(update.body().get("name").asText()).endsWith(" (Northwind)"));
        assertThat(jobMojito.creates()).hasSize(4);

        // and the run after that skips them again (mapped once more, then recognised)
        for (int run = 5; run <= 6; run++) {
            connector.dropSample("greenhouse", SAMPLE);
            assertThat(connector.run(withMappings)).isZero();
            assertThat(resultsOfRun(run)).allSatisfy(line ->
                    assertThat(line.get("status").asText()).isEqualTo("skipped"));
        }
        assertThat(jobMojito.received()).filteredOn(r -> r.path().equals("/job-interview-update")).hasSize(4);
    }

    @Test
    void aPostingTwiceInOneFileEndsAsItsLastRecordEvenWhenThatOneIsRecognised() throws IOException {
        // created, then found unchanged (fingerprints noted)
        for (int run = 1; run <= 2; run++) {
            connector.dropSample("greenhouse", SAMPLE);
            assertThat(connector.run()).isZero();
        }
        // an export listing the first posting twice: changed at the top, as it was at the end
        com.fasterxml.jackson.databind.node.ObjectNode export = (com.fasterxml.jackson.databind.node.ObjectNode)
                dev.jobmojito.connector.common.Json.MAPPER.readTree(Files.readString(SAMPLE));
        com.fasterxml.jackson.databind.node.ArrayNode jobs = export.withArray("jobs");
        JsonNode original = jobs.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) jobs.get(0)).put("title", "Lead Robotics Software Engineer");
        jobs.add(original);
        connector.drop("greenhouse", "jobs.json", dev.jobmojito.connector.common.Json.write(export));
        // one job at a time: the changed record is sent before the recognised one's result is recorded
        assertThat(connector.run("--connector.concurrency=1")).isZero();

        List<JsonNode> third = connector.resultLines().subList(8, 13);
        assertThat(third).filteredOn(line -> line.get("code").asText().equals("4012001"))
                .extracting(line -> line.get("status").asText()).containsExactly("updated", "updated");
        assertThat(jobMojito.interviews()).filteredOn(i -> i.get("name").asText().contains("Robotics"))
                .singleElement().satisfies(i ->
                        assertThat(i.get("name").asText()).isEqualTo("Senior Robotics Software Engineer"));
    }

    @Test
    void withOnChangeSkipAChangedPostingIsLeftAloneAndWithCreateItGetsANewInterview() throws IOException {
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();
        String changed = Files.readString(SAMPLE).replace("Senior Robotics Software Engineer", "Principal Engineer");

        connector.drop("greenhouse", "jobs.json", changed);
        assertThat(connector.run("--connector.sync.on-change=skip")).isZero();
        assertThat(jobMojito.received()).noneMatch(r -> r.path().equals("/job-interview-update"));
        assertThat(resultsOfRun(2)).filteredOn(l -> l.get("code").asText().equals("4012001")).singleElement()
                .satisfies(l -> assertThat(l.get("errors").get(0).asText()).contains("CONNECTOR_SYNC_ON_CHANGE=skip"));

        connector.drop("greenhouse", "jobs.json", changed);
        assertThat(connector.run("--connector.sync.on-change=create")).isZero();
        assertThat(jobMojito.interviews()).hasSize(5);
        assertThat(resultsOfRun(3)).filteredOn(l -> l.get("status").asText().equals("created")).singleElement()
                .satisfies(l -> assertThat(l.get("code").asText()).isEqualTo("4012001"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundAndAdoptedInsteadOfCreatedTwice() {
        AtomicBoolean loseFirstAnswer = new AtomicBoolean(true);
        jobMojito.answer(request -> {
            if (request.path().equals(JobMojitoStandIn.CREATE) && loseFirstAnswer.getAndSet(false)) {
                jobMojito.forward(request); // JobMojito created it...
                return JobMojitoStandIn.json(502, "{\"error\":\"Bad gateway\"}"); // ...but the answer was lost
            }
            return null;
        });
        connector.drop("greenhouse", "one.json", """
                {"jobs": [{"id": 55, "title": "Night Porter", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Nights.&lt;/p&gt;", "departments": [{"name": "Front desk"}]}]}""");

        assertThat(connector.run()).isZero();

        assertThat(jobMojito.interviews()).as(jobMojito.received().stream().map(r -> r.method() + " " + r.path() + "?" + r.query()).toList().toString()).hasSize(1);
        assertThat(jobMojito.creates()).hasSize(1);
        assertThat(jobMojito.received()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/merchant-interview-list"));
        JsonNode result = connector.resultLines().get(0);
        assertThat(result.get("status").asText()).isEqualTo("created");
        assertThat(result.get("interview_def_set_id").asText())
                .isEqualTo(jobMojito.interviews().get(0).get("id").asText());
        assertThat(result.get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void aChangedLanguageIsRejectedBecauseJobMojitoCannotChangeItInPlace() throws IOException {
        connector.dropSample("greenhouse", SAMPLE);
        assertThat(connector.run()).isZero();

        connector.drop("greenhouse", "jobs.json", Files.readString(SAMPLE)
                .replace("\"language\": \"de\"", "\"language\": \"en\""));
        assertThat(connector.run()).isEqualTo(1);

        assertThat(resultsOfRun(2)).filteredOn(l -> l.get("code").asText().equals("4012002")).singleElement()
                .satisfies(l -> {
                    assertThat(l.get("status").asText()).isEqualTo("rejected");
                    assertThat(l.get("errors").get(0).asText()).contains("changed from de to en");
                });
        assertThat(jobMojito.interviews()).hasSize(4);
    }
}
