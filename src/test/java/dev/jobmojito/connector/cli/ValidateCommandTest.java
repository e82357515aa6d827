package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

    @TempDir
    Path work;

    private final CommandOutput output = new CommandOutput();

    private int validate(String... args) {
        return new ValidateCommand(output.out, output.err).run(args);
    }

    @Test
    void theBundledMappingsAndRoutesAreValid() {
        assertThat(validate()).as(output.out() + output.err()).isZero();
        assertThat(output.out()).startsWith("OK: ");
    }

    @Test
    void aBrokenResultMappingIsListedWithFileAndLine() throws IOException {
        Path results = Files.createDirectories(work.resolve("results"));
        Files.writeString(results.resolve("lever.yaml"), """
                note:
                  template: "Score: {score"
                """);

        int code = validate("--connector.writeback.mappings=" + results);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).contains(results.resolve("lever.yaml") + ":2: unclosed { in template");
    }

    @Test
    void aBrokenLinkMappingIsListedWithFileAndLine() throws IOException {
        Path links = Files.createDirectories(work.resolve("links"));
        Files.writeString(links.resolve("default.yaml"), """
                note:
                  template: "Interview link: {interview_url"
                """);

        int code = validate("--connector.invitation-links.mappings=" + links);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).contains(links.resolve("default.yaml") + ":2: unclosed { in template");
    }

    @Test
    void everyProblemOfMappingsAndRoutesIsListedWithFileAndLine() throws IOException {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Files.writeString(mappings.resolve("good.yaml"), Files.readString(Path.of("mappings/greenhouse.yaml")));
        Files.writeString(mappings.resolve("bad.yaml"), """
                fields:
                  name: $.title
                  description: {path: $.text, transform: trimm}
                  candidate_expectations: c
                  location: l
                questions:
                  - question: Why?
                """);
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.writeString(routes.resolve("inbox.camel.yaml"), """
                - route:
                    id: inbox
                    from:
                      uri: file:{{connector.inbox}}
                      parameters:
                        recursiv: true
                      steps:
                        - to:
                            uri: direct:process-fiel
                """);

        int code = validate("--connector.mappings=" + mappings, "--connector.routes=" + routes);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).contains(
                mappings.resolve("bad.yaml") + ":3: unknown transform \"trimm\"; did you mean \"trim\"?",
                routes.resolve("inbox.camel.yaml") + ":4: endpoint file:{{connector.inbox}}?recursiv=true: unknown"
                        + " option \"recursiv\"; did you mean \"recursive\"?",
                routes.resolve("inbox.camel.yaml") + ":8: no route consumes direct:process-fiel; did you mean"
                        + " \"direct:process-file\"?");
        assertThat(output.out()).doesNotContain("good.yaml");
    }

    @Test
    void aSampleShowsTheFieldPathsThatMatchNothingWithoutFailingTheCheck() throws IOException {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Files.writeString(mappings.resolve("lever.yaml"), Files.readString(Path.of("mappings/lever.yaml"))
                .replaceFirst("(?m)^  name: .*$", "  name: \\$.title"));
        Path sample = Files.createDirectories(work.resolve("samples/lever")).resolve("postings.json");
        Files.copy(Path.of("samples/lever/postings.json"), sample);

        int code = validate("--connector.mappings=" + mappings, "--sample=" + sample);

        assertThat(code).isZero();
        assertThat(output.err()).contains("warning: " + mappings.resolve("lever.yaml") + ": name: $.title matched "
                + "nothing in any of the");
        assertThat(validate("--connector.mappings=" + mappings, "--sample=samples/greenhouse/jobs.json")).isZero();
        assertThat(output.err()).contains("samples/greenhouse/jobs.json: no usable mapping is named after its "
                + "folder \"greenhouse\"");
    }

    @Test
    void aMissingFolderIsAProblem() {
        assertThat(validate("--connector.routes=" + work.resolve("nowhere"))).isEqualTo(2);
        assertThat(output.out()).contains("the routes folder does not exist");
    }

    @Test
    void aPatternTheLinearTimeEngineRefusesIsNamedWithTheReason() throws IOException {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Files.writeString(mappings.resolve("slow.yaml"), Files.readString(Path.of("mappings/greenhouse.yaml"))
                .replace("  interview_department: $.departments[0].name\n", "  interview_department: {path: \""
                        + "$.departments[0].name\", transform: [{replace: {pattern: \"(\\\\w+) \\\\1\", with: \"$1\"}}]}\n"));

        int code = validate("--connector.mappings=" + mappings);

        assertThat(code).isEqualTo(2);
        assertThat(output.out()).contains(mappings.resolve("slow.yaml") + ":", "\"(\\w+) \\1\" uses a backreference",
                "RE2/J");
    }
}
