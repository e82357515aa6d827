package dev.jobmojito.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import java.util.Properties;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The same settings the service reads (application.yaml, environment, {@code --key=value} options), for the
 * commands that run without starting Spring (preview, validate): no second copy of any default.
 */
public final class CommandLineSettings {

    private final Binder binder;
    private final StandardEnvironment environment;

    private CommandLineSettings(Binder binder, StandardEnvironment environment) {
        this.binder = binder;
        this.environment = environment;
    }

    public static CommandLineSettings of(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        try {
            new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                SourceSwitches.SOURCE_NAME, SourceSwitches.compute(environment)));
        return new CommandLineSettings(Binder.get(environment), environment);
    }

    public ConnectorProperties connector() {
        return binder.bind("connector", ConnectorProperties.class).get();
    }

    /** One setting, resolved as the connector would read it (options, environment, application.yaml); null if unset. */
    public String property(String key) {
        return environment.getProperty(key);
    }

    public JobMojitoProperties jobMojito() {
        return binder.bind("jobmojito", JobMojitoProperties.class).get();
    }

    /**
     * Every setting under {@code connector.} and {@code jobmojito.}, resolved, for the property placeholders of
     * Camel routes ({@code {{connector.inbox}}}).
     */
    public Properties routeProperties() {
        Properties properties = new Properties();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if ((name.startsWith("connector.") || name.startsWith("jobmojito.")) && !properties.containsKey(name)
                            && !name.contains("token") && !name.contains("password")) {
                        String value = environment.getProperty(name);
                        if (value != null) {
                            properties.setProperty(name, value);
                        }
                    }
                }
            }
        }
        return properties;
    }
}
