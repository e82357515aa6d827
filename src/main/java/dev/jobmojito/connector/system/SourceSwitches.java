package dev.jobmojito.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.env.PropertySource;

/**
 * Turns intake sources on from the settings that configure them, so that setting {@code CONNECTOR_SFTP_HOST}
 * is all it takes to start the SFTP route, and a shipped ATS poll starts once its account is set. Routes read
 * the results as placeholders: {@code autoStartup: "{{connector.sftp.enabled}}"}.
 *
 * <ul>
 *   <li>{@code connector.sftp.enabled}: {@code connector.sftp.host} is set;</li>
 *   <li>{@code connector.poll.enabled}: {@code connector.poll.url} is set;</li>
 *   <li>{@code connector.poll.auth}: bearer when {@code connector.poll.token} is set, else none;</li>
 *   <li>{@code connector.polls.<name>.enabled}: an account setting of {@code connector.polls.<name>} is set
 *       (anything but base-url, token-url and interval, which have defaults);</li>
 *   <li>{@code connector.sftp.password}: read from {@code connector.sftp.password-file} when that is set.</li>
 *   <li>{@code connector.sftp.host}: a placeholder host that cannot exist when SFTP is off.</li>
 *   <li>{@code connector.sftp.remote-directory}: {@code connector.sftp.directory} as the SFTP route's path (see
 *       {@link #sftpPath}).</li>
 * </ul>
 */
public final class SourceSwitches implements EnvironmentPostProcessor, Ordered {

    public static final String SOURCE_NAME = "connectorSourceSwitches";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, compute(environment)));
    }

    /** The computed switches for these settings (also used by commands that run without Spring). */
    public static Map<String, Object> compute(ConfigurableEnvironment environment) {
        Map<String, Object> switches = new LinkedHashMap<>();
        boolean sftp = set(environment, "connector.sftp.host");
        switches.put("connector.sftp.enabled", sftp);
        if (!sftp) {
            // the route is defined (and its endpoint created) even when it never starts: give it a host that
            // cannot exist (RFC 2606) instead of an empty one
            switches.put("connector.sftp.host", "sftp-not-configured.invalid");
        }
        switches.put("connector.sftp.remote-directory",
                sftpPath(environment.getProperty("connector.sftp.directory", "inbox")));
        switches.put("connector.poll.enabled", set(environment, "connector.poll.url"));
        switches.put("connector.poll.auth", set(environment, "connector.poll.token") ? "bearer" : "none");
        for (String poll : shippedPolls(environment)) {
            String prefix = "connector.polls." + poll + ".";
            // its account settings, not the defaults every shipped poll has (base-url, interval)
            boolean configured = propertyNames(environment).stream()
                    .filter(name -> name.startsWith(prefix) && !name.endsWith(".enabled")
                            && !name.endsWith(".base-url") && !name.endsWith(".interval")
                            && !name.endsWith(".token-url"))
                    .anyMatch(name -> set(environment, name));
            switches.put(prefix + "enabled", configured);
        }
        // the inbox's read lock waits for a file to settle; it must wait longer than that before giving up
        java.time.Duration settle = org.springframework.boot.context.properties.bind.Binder.get(environment)
                .bind("connector.file-settle-time", java.time.Duration.class).orElse(java.time.Duration.ofSeconds(5));
        switches.put("connector.file-settle-millis", settle.toMillis());
        switches.put("connector.file-read-lock-timeout-millis", settle.toMillis() * 2 + 30_000);
        String passwordFile = environment.getProperty("connector.sftp.password-file");
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                switches.put("connector.sftp.password",
                        Files.readString(Path.of(passwordFile.strip()), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CONNECTOR_SFTP_PASSWORD_FILE " + passwordFile, e);
            }
        }
        return switches;
    }

    /** How many levels up an absolute SFTP directory climbs from the login directory: deeper than any home. */
    static final int SFTP_LEVELS_UP = 12;

    /**
     * The path the SFTP route reads for a directory setting. Camel's SFTP endpoint strips a leading "/" and
     * reads every path from the login directory, so an absolute directory ({@code /srv/drop}) would be read as
     * {@code srv/drop} under it. It is written as a climb to the root ({@code ..} above the root stays at the
     * root on every POSIX server) followed by the path: {@code ../../…/srv/drop}. A relative one is unchanged.
     */
    static String sftpPath(String directory) {
        String path = directory == null ? "" : directory.strip();
        if (!path.startsWith("/")) {
            return path;
        }
        String rest = path.replaceFirst("^/+", "");
        return "../".repeat(SFTP_LEVELS_UP) + rest;
    }

    private static boolean set(PropertyResolver environment, String name) {
        String value = environment.getProperty(name);
        return value != null && !value.isBlank();
    }

    private static Set<String> shippedPolls(ConfigurableEnvironment environment) {
        Set<String> polls = new LinkedHashSet<>();
        for (String name : propertyNames(environment)) {
            if (name.startsWith("connector.polls.")) {
                String rest = name.substring("connector.polls.".length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    polls.add(rest.substring(0, dot));
                }
            }
        }
        return polls;
    }

    private static Set<String> propertyNames(ConfigurableEnvironment environment) {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && !SOURCE_NAME.equals(source.getName())) {
                names.addAll(java.util.List.of(enumerable.getPropertyNames()));
            }
        }
        return names;
    }

    @Override
    public int getOrder() {
        // after application.yaml and the command line are in place
        return Ordered.LOWEST_PRECEDENCE;
    }
}
