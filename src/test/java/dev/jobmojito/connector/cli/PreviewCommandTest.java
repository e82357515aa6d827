package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.PublishedSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCommandTest {

    @TempDir
    Path work;

    private final CommandOutput output = new CommandOutput();

    private int preview(String... args) {
        return new PreviewCommand(output.out, output.err).run(args);
    }

    @Test
    void printsTheExactRequestOfEveryJobAndExitsZeroWhenAllAreValid() throws IOException {
        int code = preview("--mapping=greenhouse", "--input=samples/greenhouse/jobs.json");

        assertThat(code).isZero();
        JsonNode jobs = Json.MAPPER.readTree(output.out());
        assertThat(jobs).hasSize(4);
        for (JsonNode job : jobs) {
            assertThat(job.get("problems")).isEmpty();
            assertThat(PublishedSchema.violations(job.get("request"))).isEmpty();
        }
        assertThat(jobs.get(1).at("/request/location").asText()).isEqualTo("remote");
        assertThat(jobs.get(0).get("record").asInt()).isZero();
    }

    @Test
    void aFolderAsInputIsAClearErrorNamingItsFiles() throws IOException {
        // issue 11: preview --input=<folder> printed a stack trace
        int code = preview("--mapping=greenhouse", "--input=samples/greenhouse");

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).isEmpty();
        assertThat(output.err()).contains("samples/greenhouse is a folder: preview reads one export file",
                "samples/greenhouse/jobs.json").doesNotContain("Exception", "\tat ");

        Path empty = Files.createDirectory(work.resolve("empty"));
        CommandOutput second = new CommandOutput();
        assertThat(new PreviewCommand(second.out, second.err).run("--mapping=greenhouse", "--input=" + empty))
                .isEqualTo(2);
        assertThat(second.err()).contains(empty + " is a folder", "It holds no files.");
    }

    @Test
    void warnsAboutAFieldPathThatMatchesNothingInAnyRecord() throws IOException {
        // issue 11: "name: $.title" against a Lever export (which has "text"), "$.dept" that no record has
        Path mapping = work.resolve("lever-wrong.yaml");
        Files.writeString(mapping, Files.readString(Path.of("mappings/lever.yaml"))
                .replaceFirst("(?m)^  name: .*$", "  name: \\$.title")
                .replace("  interview_department:\n    first: [$.categories.department, $.categories.team]",
                        "  interview_department: {path: $.dept, default: Engineering}")
                .replaceFirst("(?m)^  code: .*$", "  code: {template: \"L-{idd}\"}"));

        int code = preview("--mapping=" + mapping, "--input=samples/lever/postings.json");

        assertThat(code).isEqualTo(1);
        int records = Json.MAPPER.readTree(output.out()).size();
        assertThat(output.err()).contains(
                "warning: " + mapping + ": name: $.title matched nothing in any of the " + records + " records",
                "warning: " + mapping + ": interview_department: $.dept matched nothing",
                // a member close to the path's name is suggested
                "code: $.idd matched nothing in any of the " + records + " records; did you mean \"id\"?");
        // paths that match in some record are not warned about
        assertThat(output.err()).doesNotContain(": description: ", ": location: ");
    }

    @Test
    void showsProblemsPerJobAndSkippedRecordsAndExitsOneWhenAJobIsInvalid() throws IOException {
        Path mapping = work.resolve("m.yaml");
        Files.writeString(mapping, """
                records: $.jobs[*]
                skip:
                  - when: {path: $.listed, equals: false}
                    reason: unlisted
                fields:
                  name: $.title
                  description: $.text
                  candidate_expectations: c
                  location: l
                questions:
                  - question: Why?
                """);
        Path input = work.resolve("in.json");
        Files.writeString(input, "{\"jobs\": [{\"title\": \"A\", \"text\": \"t\"}, {\"title\": \"B\"},"
                + " {\"title\": \"C\", \"listed\": false}]}");

        int code = preview("--mapping=" + mapping, "--input=" + input);

        assertThat(code).isEqualTo(1);
        JsonNode jobs = Json.MAPPER.readTree(output.out());
        assertThat(jobs.get(0).get("problems")).isEmpty();
        assertThat(jobs.get(1).get("problems").get(0).asText()).isEqualTo("description: is required");
        assertThat(jobs.get(1).at("/request/name").asText()).isEqualTo("B");
        assertThat(jobs.get(2).get("skipped").asText()).isEqualTo("unlisted");
        assertThat(jobs.get(2).has("request")).isFalse();
    }

    @Test
    void aMappingWithErrorsExitsTwoWithFileAndLine() throws IOException {
        Path mapping = work.resolve("bad.yaml");
        Files.writeString(mapping, "fields:\n  nmae: $.title\n");
        Path input = work.resolve("in.json");
        Files.writeString(input, "[]");

        assertThat(preview("--mapping=" + mapping, "--input=" + input)).isEqualTo(2);
        assertThat(output.err()).contains(mapping + ":2: unknown request field \"nmae\"; did you mean \"name\"?");
        assertThat(output.out()).isEmpty();
    }

    @Test
    void anUnreadableInputExitsOneWithTheReason() throws IOException {
        Path input = work.resolve("broken.json");
        Files.writeString(input, "{\"jobs\": [");
        assertThat(preview("--mapping=greenhouse", "--input=" + input)).isEqualTo(1);
        assertThat(output.err()).contains("invalid JSON");
    }
}
