package dev.jobmojito.connector.secrets;

import dev.jobmojito.connector.system.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start when a setting that is sent elsewhere (the webhook URL, JobMojito's and the ATS polls' URLs,
 * a poll's board or site) holds a placeholder or a secret of another setting. Camel expands {@code {{...}}} in
 * endpoint URIs, and Spring expands {@code ${...}} in every setting, so without this check
 * {@code CONNECTOR_RESULTS_WEBHOOK_URL=https://hooks.example/?t={{jobmojito.api-token}}} would send the
 * JobMojito token to the webhook receiver. The check runs while beans are made, before any route starts; the
 * connector then exits with code 2 and a message naming the setting.
 */
@Configuration(proxyBeanMethods = false)
public class OutgoingSettingsCheck {

    /** The settings whose values leave the process as a URL, host or path of an outgoing call. */
    static final List<String> OUTGOING = List.of("jobmojito.base-url", "connector.webhook.url", "connector.poll.url");

    /**
     * @param environment the application's environment
     * @return a marker bean; the check's work is done when it is made
     * @throws ConfigurationException naming every outgoing setting that holds a placeholder or another secret
     */
    @Bean
    Object outgoingSettingsChecked(ConfigurableEnvironment environment) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Settings that are sent to other servers may not hold placeholders or "
                    + "secrets (they would be expanded and sent as written):\n  " + String.join("\n  ", problems));
        }
        return "outgoing settings checked";
    }

    /**
     * Every problem of the outgoing settings, one line each (the secret itself never named).
     *
     * @param environment the application's environment
     * @return an empty list when the settings are fine
     */
    public static List<String> problems(ConfigurableEnvironment environment) {
        List<String> names = new ArrayList<>(OUTGOING);
        for (String name : SecretSettings.propertyNames(environment)) {
            String normalized = SecretSettings.normalize(name);
            if (normalized.startsWith("connector.polls.") && !SecretSettings.isSecretName(name)
                    && !normalized.endsWith(".interval") && !normalized.endsWith(".enabled")) {
                names.add(normalized);
            }
        }
        Map<String, String> secrets = SecretSettings.secretValues(environment);
        List<String> problems = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            String value;
            try {
                value = environment.getProperty(name);
            } catch (RuntimeException unresolvable) {
                problems.add(name + ": " + unresolvable.getMessage());
                continue;
            }
            if (value == null || value.isBlank()) {
                continue;
            }
            if (value.contains("{{")) {
                problems.add(name + " holds a Camel placeholder {{...}}: write the URL itself");
                continue;
            }
            secrets.forEach((secretName, secret) -> {
                if (secret.length() >= 4 && value.contains(secret)) {
                    problems.add(name + " holds the value of " + secretName + " (a ${...} placeholder, or the secret"
                            + " copied in): give a secret only in its own setting");
                }
            });
        }
        return problems;
    }
}
