package dev.jobmojito.connector.applicationpolls;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Turns each shipped application poll on once its account is set, as the posting polls are
 * ({@code SourceSwitches}): {@code connector.invitations.polls.<ats>.enabled} is true when a setting of
 * {@code connector.invitations.polls.<ats>} other than those with defaults (base URL, token URL, interval, the
 * stage filter, the overlap) is set. The route files read it: {@code enabled:
 * "{{connector.invitations.polls.lever.enabled}}"}. Computed after the settings were checked, so these keys are
 * never taken for unknown ones.
 */
public final class ApplicationPollSwitches implements EnvironmentPostProcessor, Ordered {

    /** The name of the computed property source. */
    public static final String SOURCE_NAME = "connectorApplicationPollSwitches";

    private static final String PREFIX = "connector.invitations.polls.";
    /** Settings that have defaults or only filter: they do not make an account. */
    private static final List<String> NOT_ACCOUNT = List.of(".enabled", ".base-url", ".token-url", ".interval",
            ".stage", ".stage-id", ".overlap");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, compute(environment)));
    }

    /** The switches for these settings. */
    static Map<String, Object> compute(ConfigurableEnvironment environment) {
        Set<String> names = new LinkedHashSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable && !SOURCE_NAME.equals(source.getName())) {
                names.addAll(List.of(enumerable.getPropertyNames()));
            }
        }
        Set<String> polls = new LinkedHashSet<>();
        for (String name : names) {
            if (name.startsWith(PREFIX) && name.indexOf('.', PREFIX.length()) > 0) {
                polls.add(name.substring(PREFIX.length(), name.indexOf('.', PREFIX.length())));
            }
        }
        Map<String, Object> switches = new LinkedHashMap<>();
        for (String poll : polls) {
            String prefix = PREFIX + poll + ".";
            boolean configured = names.stream()
                    .filter(name -> name.startsWith(prefix) && NOT_ACCOUNT.stream().noneMatch(name::endsWith))
                    .anyMatch(name -> {
                        String value = environment.getProperty(name);
                        return value != null && !value.isBlank();
                    });
            switches.put(prefix + "enabled", configured);
        }
        return switches;
    }

    @Override
    public int getOrder() {
        // after the settings check (LOWEST_PRECEDENCE - 1), with the other switches
        return Ordered.LOWEST_PRECEDENCE;
    }
}
