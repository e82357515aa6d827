package dev.jobmojito.connector.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Every setting the README's table documents is accepted; a misspelt one is not. */
class SettingsCheckTest {

    @Test
    void everySettingOfTheReadmeTableIsKnownUnderItsKeyAndItsVariable() throws IOException {
        List<String> keys = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `((?:CONNECTOR|JOBMOJITO)_[A-Z0-9_]+)` "
                        + "\\| `((?:connector|jobmojito)\\.[a-z0-9.-]+)` \\|")
                .matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            variables.add(row.group(1));
            keys.add(row.group(2));
        }
        assertThat(keys).hasSizeGreaterThan(30);
        for (String key : keys) {
            assertThat(SettingsCheck.unknownKeys(environment(key))).as(key).isEmpty();
        }
        assertThat(variables).allSatisfy(variable -> assertThat(
                SettingsCheck.unknownKeys(variables(variable))).as(variable).isEmpty());
    }

    @Test
    void aMisspeltKeyIsUnknownWithASuggestion() {
        assertThat(SettingsCheck.unknownKeys(environment("connector.sftp.pasword-file")))
                .containsExactly("connector.sftp.pasword-file (test); did you mean \"connector.sftp.password-file\"?");
    }

    private static StandardEnvironment environment(String key) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(key, "x")));
        return environment;
    }

    private static StandardEnvironment variables(String variable) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new org.springframework.core.env.SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x")));
        return environment;
    }
}
