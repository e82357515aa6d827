package dev.jobmojito.connector.system;

import dev.jobmojito.connector.mapping.Suggestions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Reads every source of settings the same way (the environment, {@code --key=value} options, an
 * {@code application.yaml} next to the connector or in {@code config/}) and checks them before anything starts:
 *
 * <ul>
 *   <li>a {@code connector.*} or {@code jobmojito.*} key (or {@code CONNECTOR_*}, {@code JOBMOJITO_*} variable)
 *       the connector does not know is an error with the closest known key suggested, instead of being silently
 *       ignored (a misspelt {@code jobmojito.base-url} would send nothing to JobMojito);</li>
 *   <li>{@code connector.once=true}, wherever it is set, makes a run without a web server (unless it receives
 *       interview results, {@link #receivesInOnceMode}) and without the thread that keeps a service alive.</li>
 * </ul>
 *
 * The known keys are those of the bundled {@code application.yaml} (the README's table), the switches computed by
 * {@link SourceSwitches}, and anything under {@code connector.polls.<name>.}, where route files of one's own
 * may keep their settings.
 */
public final class SettingsCheck implements EnvironmentPostProcessor, Ordered {

    private static final String SOURCE_NAME = "connectorOnceMode";
    private static final Set<String> KNOWN = knownKeys();
    private static final Set<String> KNOWN_VARIABLES = knownVariables();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> problems = unknownKeys(environment);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Unknown settings:\n  " + String.join("\n  ", problems)
                    + "\nThe README's Configuration table lists every setting.");
        }
        if (Boolean.parseBoolean(environment.getProperty("connector.once", "false"))) {
            Map<String, Object> once = new LinkedHashMap<>();
            // a once-mode run serves nobody, and must end when its work is done; unless it receives interview
            // results while it runs (the demo's loop on the sandbox, CONNECTOR_INTERVIEW_RESULTS_ONCE_RECEIVE)
            if (!receivesInOnceMode(environment)) {
                once.put("spring.main.web-application-type", "none");
            }
            once.put("camel.main.run-controller", "false");
            environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, once));
        }
    }

    /**
     * Whether a once-mode run keeps its web server to receive interview results: {@code
     * connector.interview-results.once-receive=true} and a webhook secret (or its file) set (issue 14, the demo's
     * loop on the sandbox).
     */
    static boolean receivesInOnceMode(ConfigurableEnvironment environment) {
        return Boolean.parseBoolean(environment.getProperty("connector.interview-results.once-receive", "false"))
                && (!environment.getProperty("connector.interview-results.webhook-secret", "").isBlank()
                || !environment.getProperty("connector.interview-results.webhook-secret-file", "").isBlank());
    }

    /** Each unknown {@code connector.*} key or {@code CONNECTOR_*} variable, with a suggestion when one is close. */
    static List<String> unknownKeys(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        Set<String> envForms = new TreeSet<>(KNOWN_VARIABLES);
        KNOWN.forEach(key -> envForms.add(environmentName(key)));
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> enumerable) || source.getName().equals(SOURCE_NAME)
                    || source.getName().equals(SourceSwitches.SOURCE_NAME)) {
                continue;
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            for (String name : enumerable.getPropertyNames()) {
                if (variables) {
                    if ((name.startsWith("CONNECTOR_") || name.startsWith("JOBMOJITO_")) && !envForms.contains(name)
                            && !ownPoll(name)) {
                        problems.add(name + " (environment)" + Suggestions.didYouMean(name, envForms));
                    }
                } else if ((name.startsWith("connector.") || name.startsWith("jobmojito.")) && !known(name)) {
                    problems.add(name + " (" + source.getName() + ")" + Suggestions.didYouMean(name, KNOWN));
                }
            }
        }
        return problems;
    }

    /** CONNECTOR_POLLS_... and CONNECTOR_POLL_<ATS>_<SETTING>: settings of polls of one's own. */
    private static boolean ownPoll(String variable) {
        return variable.startsWith("CONNECTOR_POLLS_")
                || variable.startsWith("CONNECTOR_POLL_") && variable.indexOf('_', "CONNECTOR_POLL_".length()) > 0;
    }

    /** The variables the bundled application.yaml reads ({@code ${CONNECTOR_INBOX:data/inbox}}). */
    private static Set<String> knownVariables() {
        Set<String> variables = new TreeSet<>();
        try (var in = new ClassPathResource("application.yaml").getInputStream()) {
            var matcher = java.util.regex.Pattern.compile("\\$\\{((?:CONNECTOR|JOBMOJITO)_[A-Z0-9_]+)")
                    .matcher(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            while (matcher.find()) {
                variables.add(matcher.group(1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return variables;
    }

    private static boolean known(String name) {
        return KNOWN.contains(name) || name.startsWith("connector.polls.");
    }

    /** {@code connector.retry.max-attempts} as the variable {@code CONNECTOR_RETRY_MAX_ATTEMPTS}. */
    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Set<String> knownKeys() {
        Set<String> keys = new TreeSet<>();
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new ClassPathResource("application.yaml"))) {
                for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                    if (name.startsWith("connector.") || name.startsWith("jobmojito.")) {
                        keys.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // documented settings without a default: the routes read them only when set
        keys.addAll(List.of("connector.sftp.private-key-file", "connector.sftp.password-file"));
        // computed by SourceSwitches (never set by hand, but harmless when they are)
        keys.addAll(List.of("connector.sftp.enabled", "connector.poll.enabled", "connector.poll.auth",
                "connector.sftp.password", "connector.file-settle-millis",
                "connector.file-read-lock-timeout-millis"));
        return keys;
    }

    @Override
    public int getOrder() {
        // after the configuration files and the command line are in place, before the switches are computed
        return Ordered.LOWEST_PRECEDENCE - 1;
    }
}
