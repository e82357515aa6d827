package dev.jobmojito.connector.cli;

import dev.jobmojito.connector.ConnectorMain;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.sandbox.JobMojitoSandbox;
import dev.jobmojito.connector.system.CommandLineSettings;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code validate}: checks every mapping in {@code CONNECTOR_MAPPINGS} and every route in {@code CONNECTOR_ROUTES}
 * without starting anything. Prints each problem as {@code file:line: message}; exit 0 when all are usable,
 * 2 otherwise.
 */
public final class ValidateCommand {

    private final PrintStream out;
    private final PrintStream err;

    public ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        CommandLineSettings settings;
        ConnectorProperties connector;
        JobMojitoProperties jobMojito;
        try {
            settings = CommandLineSettings.of(args);
            connector = settings.connector();
            jobMojito = settings.jobMojito();
        } catch (RuntimeException e) {
            err.println("Invalid configuration: " + e.getMessage());
            return ConnectorMain.CONFIGURATION_ERROR;
        }
        List<MappingError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int mappingCount = 0;
        int routeCount = 0;
        if (!Files.isDirectory(connector.mappings())) {
            errors.add(new MappingError(connector.mappings().toString(), 1,
                    "the mappings folder does not exist (CONNECTOR_MAPPINGS)"));
        } else {
            String templateId = jobMojito.interviewTemplateId();
            if ((templateId == null || templateId.isBlank()) && jobMojito.sandbox()) {
                templateId = JobMojitoSandbox.TEMPLATE_ID;
            }
            MappingRegistry registry = new MappingRegistry(connector.mappings(), new MappingLoader(
                    MappingLoader.environment(templateId == null || templateId.isBlank() ? null : templateId)));
            try {
                mappingCount = registry.files().size();
                errors.addAll(registry.loadAll());
            } catch (IOException e) {
                errors.add(new MappingError(connector.mappings().toString(), 1, e.getMessage()));
            }
            for (Mapping mapping : registry.all()) {
                mapping.unsetVariables().forEach((field, variable) -> warnings.add(mapping.file() + ": " + field
                        + " needs environment variable " + variable + ", which is not set"));
            }
        }
        if (!Files.isDirectory(connector.routes())) {
            errors.add(new MappingError(connector.routes().toString(), 1,
                    "the routes folder does not exist (CONNECTOR_ROUTES)"));
        } else {
            try (var files = Files.list(connector.routes())) {
                routeCount = (int) files.filter(p -> p.toString().endsWith(".camel.yaml")).count();
            } catch (IOException e) {
                errors.add(new MappingError(connector.routes().toString(), 1, e.getMessage()));
            }
            try {
                errors.addAll(new RouteChecker(settings.routeProperties()).check(connector.routes()));
            } catch (IOException e) {
                errors.add(new MappingError(connector.routes().toString(), 1, e.getMessage()));
            }
        }
        warnings.forEach(w -> err.println("warning: " + w));
        errors.forEach(out::println);
        if (!errors.isEmpty()) {
            err.println(errors.size() + " problem" + (errors.size() == 1 ? "" : "s") + " found");
            return ConnectorMain.CONFIGURATION_ERROR;
        }
        out.println("OK: " + mappingCount + " mappings in " + connector.mappings() + ", " + routeCount
                + " route files in " + connector.routes());
        return 0;
    }
}
