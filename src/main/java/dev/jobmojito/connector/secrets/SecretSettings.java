package dev.jobmojito.connector.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Registers the secrets of the configuration before anything is logged: every setting whose name says it is a
 * secret ({@code JOBMOJITO_API_TOKEN}, {@code connector.sftp.password}, {@code CONNECTOR_LEDGER_PASSWORD},
 * {@code CONNECTOR_RESULTS_WEBHOOK_SECRET}, {@code connector.polls.teamtailor.api-key}, ...), the content of the
 * files named by {@code *-file} settings of that kind, and the secrets inside URL settings (user info, a
 * {@code password=} or {@code api_key=} parameter). Runs as an {@link EnvironmentPostProcessor}, before Spring
 * Boot configures logging; secrets loaded later (a rotated token file, a route's poll token) are registered
 * where they are read.
 */
public final class SecretSettings implements EnvironmentPostProcessor, Ordered {

    /** {@code {{name}}}, {@code {{?name}}}, {@code {{name:default}}}: the name. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([^}]+)}}");

    private static final List<String> SECRET_WORDS = List.of("token", "password", "passwd", "secret", "passphrase",
            "api-key", "apikey", "credential", "private-key");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        secretValues(environment).values().forEach(SecretRegistry::register);
        for (String name : propertyNames(environment)) {
            String normalized = normalize(name);
            if (normalized.endsWith("url") || normalized.endsWith("uri")) {
                SecretRegistry.registerFromUrl(value(environment, name));
            }
        }
        registerRoutePlaceholders(environment);
    }

    /**
     * Registers what the placeholders in secret positions of the route files resolve to: a route author may
     * write {@code password: "{{acme.pw}}"} or {@code value: "{{env:ACME_KEY}}"} after {@code name: token}, with
     * a setting whose name says nothing, and Camel prints a placeholder's value at DEBUG while it resolves it,
     * before the route's own code sees it. A placeholder is in a secret position when its line, or the line
     * before, names a secret.
     */
    private static void registerRoutePlaceholders(ConfigurableEnvironment environment) {
        String folder = value(environment, "connector.routes");
        if (folder == null || folder.isBlank() || !Files.isDirectory(Path.of(folder))) {
            return;
        }
        try (var files = Files.list(Path.of(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher placeholder = PLACEHOLDER.matcher(lines.get(i));
                    while (placeholder.find()) {
                        String before = lines.get(i).substring(0, placeholder.start());
                        if (isSecretName(before) || i > 0 && isSecretName(lines.get(i - 1))) {
                            SecretRegistry.register(resolve(environment, placeholder.group(1)));
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Camel reports route files it cannot read
        }
    }

    /** A placeholder's value: {@code env:NAME}, {@code sys:name} or a setting, each with an optional default. */
    private static String resolve(ConfigurableEnvironment environment, String placeholder) {
        boolean env = placeholder.startsWith("env:");
        boolean sys = placeholder.startsWith("sys:");
        String rest = env || sys ? placeholder.substring(4) : placeholder;
        String name = rest.contains(":") ? rest.substring(0, rest.indexOf(':')) : rest;
        return env ? System.getenv(name) : sys ? System.getProperty(name) : value(environment, name);
    }

    /**
     * Whether a setting's name says it holds a secret (or a file holding one).
     *
     * @param name a property or environment variable name, in any of Spring's relaxed forms
     * @return true for names such as {@code jobmojito.api-token}, {@code CONNECTOR_SFTP_PASSWORD_FILE}
     */
    public static boolean isSecretName(String name) {
        String normalized = normalize(name);
        return SECRET_WORDS.stream().anyMatch(normalized::contains);
    }

    /**
     * The secret values of the configuration, by the name of the setting they came from: the values of secret
     * settings and the content of secret files (a file that cannot be read is left to the part that reads it,
     * whose error names it).
     *
     * @param environment the application's environment
     * @return setting name to secret value; values shorter than {@link SecretRegistry#MIN_LENGTH} included
     */
    public static Map<String, String> secretValues(ConfigurableEnvironment environment) {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : propertyNames(environment)) {
            if (!isSecretName(name)) {
                continue;
            }
            String value = value(environment, name);
            if (value == null || value.isBlank()) {
                continue;
            }
            if (normalize(name).endsWith("-file")) {
                try {
                    String content = Files.readString(Path.of(value.strip()), StandardCharsets.UTF_8);
                    secrets.put(name + " (content)", content.strip());
                    // a key file: each line of its body too, as a library might print one
                    content.lines().map(String::strip).filter(line -> line.length() >= 16 && !line.startsWith("-----"))
                            .forEach(line -> secrets.put(name + " (line)", line));
                } catch (IOException | RuntimeException unreadable) {
                    // reported by whoever needs the file
                }
            } else {
                secrets.put(name, value.strip());
            }
        }
        return secrets;
    }

    private static String value(ConfigurableEnvironment environment, String name) {
        try {
            return environment.getProperty(name);
        } catch (RuntimeException unresolvable) {
            return null;
        }
    }

    static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Every property name of every enumerable source. */
    static Set<String> propertyNames(ConfigurableEnvironment environment) {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable
                    && !"configurationProperties".equals(source.getName())) {
                names.addAll(List.of(enumerable.getPropertyNames()));
            }
        }
        return names;
    }

    @Override
    public int getOrder() {
        // after application.yaml, the command line and the connector's own switches are in place
        return Ordered.LOWEST_PRECEDENCE;
    }
}
