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
    void anAtsWebhookWithoutInvitationsIsAConfigurationError(CapturedOutput output) {
        assertThat(run("--connector.ats-webhooks.greenhouse.secret=gh-secret-for-this-test-only")).isEqualTo(2);
        assertThat(output.getAll()).contains("An ATS webhook is configured").contains("CONNECTOR_INVITATIONS=true")
                .doesNotContain("gh-secret-for-this-test-only");
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
        assertThat(output.getAll()).contains("The folder of Camel YAML routes (*.camel.yaml) does not exist")
                .as("the failed start says its reason once, with no follow-on error from closing what never started")
                .doesNotContain("NullPointerException");
    }

    @Test
    void anUnsetVariableAMappingNeedsIsAConfigurationErrorAgainstTheRealJobMojito(CapturedOutput output) {
        assertThat(run("--jobmojito.base-url=https://jobmojito.invalid/functions/v1",
                "--jobmojito.api-token=t", "--jobmojito.interview-template-id=")).isEqualTo(2);
        assertThat(output.getAll()).contains("interview_template_id needs JOBMOJITO_INTERVIEW_TEMPLATE_ID");
    }

    @Test
    void aMisspeltSettingIsAnErrorWithTheKeyItWasMeantToBe(CapturedOutput output) {
        assertThat(run("--connector.inbx=" + work.resolve("inbox"), "--connector.retry.max-attempt=3",
                "--jobmojito.base-ur=https://jobmojito.invalid/functions/v1")).isEqualTo(2);
        assertThat(output.getAll()).contains("connector.inbx (commandLineArgs); did you mean \"connector.inbox\"?")
                .contains("connector.retry.max-attempt (commandLineArgs); did you mean "
                        + "\"connector.retry.max-attempts\"?")
                .contains("jobmojito.base-ur (commandLineArgs); did you mean \"jobmojito.base-url\"?");
    }

    @Test
    void helpPrintsTheUsageAndStartsNothing(CapturedOutput output) {
        assertThat(ConnectorMain.run("--connector.once=true", "--help")).isZero();
        assertThat(ConnectorMain.run("-h")).isZero();
        assertThat(output.getOut()).contains("java -jar jobmojito-connector.jar demo").doesNotContain("JobMojitoEndpoint");
    }

    @Test
    void aCamelPlaceholderInTheWebhookUrlIsRefusedNotExpanded(CapturedOutput output) {
        assertThat(run("--jobmojito.api-token=placeholder-token-0451",
                "--connector.webhook.url=https://hooks.invalid/in?t={{jobmojito.api-token}}",
                "--connector.webhook.secret=webhook-secret-0451")).isEqualTo(2);
        assertThat(output.getAll()).contains("connector.webhook.url holds a Camel placeholder {{...}}")
                .doesNotContain("placeholder-token-0451");
    }

    @Test
    void aSpringPlaceholderReachingASecretFromAnOutgoingUrlIsRefused(CapturedOutput output) {
        assertThat(run("--jobmojito.api-token=spring-token-0451",
                "--connector.poll.url=https://ats.invalid/jobs?t=${jobmojito.api-token}",
                "--connector.poll.mapping=greenhouse")).isEqualTo(2);
        assertThat(output.getAll()).contains("connector.poll.url holds the value of")
                .doesNotContain("spring-token-0451");
    }

    @Test
    void theLedgerPasswordInItsJdbcUrlIsNotPrintedWhenTheDatabaseCannotBeOpened(CapturedOutput output) {
        assertThat(run("--connector.ledger.url=jdbc:postgresql://127.0.0.1:1/ledger?user=c&password=ledger-pw-0451",
                "--logging.level.root=DEBUG")).isEqualTo(2);
        assertThat(output.getAll()).contains("The ledger database cannot be opened",
                "jdbc:postgresql://127.0.0.1:1/ledger?user=c&password=***").doesNotContain("ledger-pw-0451");
    }

    @Test
    void structuredJsonLogLinesAreMaskedAsWell(CapturedOutput output) {
        assertThat(run("--connector.ledger.url=jdbc:postgresql://127.0.0.1:1/ledger?user=c&password=json-pw-0451",
                "--connector.ledger.password=second-json-pw-0451", "--logging.structured.format.console=ecs",
                "--logging.level.root=DEBUG")).isEqualTo(2);
        assertThat(output.getAll()).contains("\"level\":\"DEBUG\"", "password=***): Connection refused")
                .doesNotContain("json-pw-0451");
    }
}
