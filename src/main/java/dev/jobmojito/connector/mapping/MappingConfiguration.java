package dev.jobmojito.connector.mapping;

import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The mappings of CONNECTOR_MAPPINGS, loaded and checked at start (every problem at once, exit 2). */
@Configuration(proxyBeanMethods = false)
public class MappingConfiguration {

    @Bean
    MappingRegistry mappingRegistry(ConnectorProperties connector, JobMojitoEndpoint endpoint) throws IOException {
        Path folder = connector.mappings();
        requireFolder(folder, "CONNECTOR_MAPPINGS", "mapping files");
        requireFolder(connector.routes(), "CONNECTOR_ROUTES", "Camel YAML routes (*.camel.yaml)");
        MappingRegistry registry = new MappingRegistry(folder,
                new MappingLoader(MappingLoader.environment(endpoint.interviewTemplateId())));
        List<MappingError> errors = registry.loadAll();
        if (!errors.isEmpty()) {
            throw new ConfigurationException("The mappings in " + folder + " have problems:\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        List<String> unset = new ArrayList<>();
        for (Mapping mapping : registry.all()) {
            mapping.unsetVariables().forEach((field, variable) -> unset.add("  " + mapping.file() + ": " + field
                    + " needs " + variable));
        }
        if (!unset.isEmpty()) {
            throw new ConfigurationException("Environment variables the mappings need are not set:\n"
                    + String.join("\n", unset));
        }
        return registry;
    }

    private static void requireFolder(Path folder, String variable, String what) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("The folder of " + what + " does not exist: " + folder.toAbsolutePath()
                    + " (set " + variable + ", or run from the project folder)");
        }
    }
}
