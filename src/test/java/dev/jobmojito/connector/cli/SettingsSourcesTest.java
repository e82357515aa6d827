package dev.jobmojito.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings read the same way from every source, checked in a JVM of its own started in a folder of its own:
 * an {@code application.yaml} beside the connector (once mode included) and {@code CONNECTOR_*} variables, a
 * misspelt one refused with the right name suggested.
 */
class SettingsSourcesTest {

    @TempDir
    Path work;

    private Process start(List<String> environment) throws Exception {
        Files.createDirectories(work.resolve("inbox"));
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jobmojito.connector.ConnectorMain")
                .directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.log").toFile());
        builder.environment().put("CONNECTOR_ROUTES", new File("routes").getAbsolutePath());
        builder.environment().put("CONNECTOR_MAPPINGS", new File("mappings").getAbsolutePath());
        builder.environment().put("CONNECTOR_HTTP_PORT", "0");
        for (String pair : environment) {
            builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return builder.start();
    }

    @Test
    void onceModeInAnApplicationYamlBesideTheConnectorRunsOnceAndEnds() throws Exception {
        Files.writeString(work.resolve("application.yaml"), """
                connector:
                  once: true
                  inbox: inbox
                """);

        Process connector = start(List.of());

        assertThat(connector.waitFor(90, TimeUnit.SECONDS)).as("a once-mode run ends by itself").isTrue();
        String out = Files.readString(work.resolve("out.log"));
        assertThat(connector.exitValue()).as(out).isZero();
        assertThat(out).contains("Run summary: 0 read").doesNotContain("Tomcat");
    }

    @Test
    void aMisspeltVariableIsRefusedWithTheRightNameSuggested() throws Exception {
        Process connector = start(List.of("CONNECTOR_INBX=/srv/drop", "CONNECTOR_ONCE=true"));

        assertThat(connector.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(work.resolve("out.log"));
        assertThat(connector.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("CONNECTOR_INBX (environment); did you mean \"CONNECTOR_INBOX\"?");
    }
}
