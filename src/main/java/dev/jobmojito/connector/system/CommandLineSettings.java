package dev.jobmojito.connector.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The same settings the service reads (application.yaml, environment, {@code --key=value} options), for the
 * commands that run without starting Spring (preview, validate): no second copy of any default.
 */
public final class CommandLineSettings {

    private final Binder binder;

    private CommandLineSettings(Binder binder) {
        this.binder = binder;
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
        return new CommandLineSettings(Binder.get(environment));
    }

    public ConnectorProperties connector() {
        return binder.bind("connector", ConnectorProperties.class).get();
    }

    public JobMojitoProperties jobMojito() {
        return binder.bind("jobmojito", JobMojitoProperties.class).get();
    }
}
