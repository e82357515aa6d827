package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.ConnectorMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The connector refuses to start, with exit code 2 and a message saying what to fix. */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationErrorTest {

    @TempDir
    Path work;

    private int run(String... settings) {
        String[] args = new String[settings.length + 4];
        args[3] = "--connector.results=" + work.resolve("results");
        args[0] = "--connector.once=true";
        args[1] = "--connector.inbox=" + dev.jobmojito.connector.support.Folders.created(work.resolve("inbox"));
        args[2] = "--connector.state=" + work.resolve("state");
        System.arraycopy(settings, 0, args, 4, settings.length);
        return ConnectorMain.runConnector(args);
    }

    @Test
    void aMappingWithErrorsStopsStartUpListingEveryProblem(CapturedOutput output) throws IOException {
        Path mappings = Files.createDirectories(work.resolve("mappings"));
        Files.writeString(mappings.resolve("ats.yaml"), "records: $.jobs[*]\nfeilds:\n  name: $.title\n");

        assertThat(run("--connector.mappings=" + mappings)).isEqualTo(2);

        assertThat(output.getAll()).contains(mappings.resolve("ats.yaml") + ":2: unknown key \"feilds\" in a mapping;"
                + " did you mean \"fields\"?", mappings.resolve("ats.yaml") + ":1: questions is required");
    }

    @Test
    void aRealJobMojitoWithoutATokenIsAConfigurationError(CapturedOutput output) {
        assertThat(run("--jobmojito.base-url=https://jobmojito.invalid/functions/v1", "--jobmojito.api-token="))
                .isEqualTo(2);
        assertThat(output.getAll()).contains("JOBMOJITO_BASE_URL is set but no token is");
    }

    @Test
    void aMissingRoutesFolderIsAConfigurationError(CapturedOutput output) {
        assertThat(run("--connector.routes=" + work.resolve("no-routes"))).isEqualTo(2);
        assertThat(output.getAll()).contains("The folder of Camel YAML routes (*.camel.yaml) does not exist");
    }

    @Test
    void anUnsetVariableAMappingNeedsIsAConfigurationErrorAgainstTheRealJobMojito(CapturedOutput output) {
        assertThat(run("--jobmojito.base-url=https://jobmojito.invalid/functions/v1",
                "--jobmojito.api-token=t", "--jobmojito.interview-template-id=")).isEqualTo(2);
        assertThat(output.getAll()).contains("interview_template_id needs JOBMOJITO_INTERVIEW_TEMPLATE_ID");
    }

    @Test
    void aMisspeltSettingIsAnErrorWithTheKeyItWasMeantToBe(CapturedOutput output) {
        assertThat(run("--connector.inbx=" + work.resolve("inbox"), "--connector.retry.max-attempt=3")).isEqualTo(2);
        assertThat(output.getAll()).contains("connector.inbx (commandLineArgs); did you mean \"connector.inbox\"?")
                .contains("connector.retry.max-attempt (commandLineArgs); did you mean "
                        + "\"connector.retry.max-attempts\"?");
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing(CapturedOutput output) {
        assertThat(ConnectorMain.run("--connector.once=true", "--help")).isZero();
        assertThat(ConnectorMain.run("-h")).isZero();
        assertThat(output.getOut()).contains("java -jar jobmojito-connector.jar demo").doesNotContain("JobMojitoEndpoint");
    }
}
