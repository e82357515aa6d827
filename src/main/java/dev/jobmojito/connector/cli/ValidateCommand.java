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
 * 2 otherwise. With {@code --sample=FILE} (a file in a folder named after its mapping, as in the drop folder:
 * {@code samples/lever/postings.json}), also warns about the mapping's field paths that match nothing in any of
 * the sample's records (warnings do not change the exit code).
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
        String sample = Options.parse(args).get("sample");
        try {
            settings = CommandLineSettings.of(Options.passThrough(args));
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
            if (sample != null) {
                warnings.addAll(sampleWarnings(registry, java.nio.file.Path.of(sample)));
            }
        }
        // the write-back's result mappings (CONNECTOR_WRITEBACK_MAPPINGS), checked as the service checks them
        java.nio.file.Path results = java.nio.file.Path.of(settings.routeProperties()
                .getProperty("connector.writeback.mappings", "mappings/results"));
        try {
            errors.addAll(new dev.jobmojito.connector.writeback.ResultMappings(results,
                    new MappingLoader(MappingLoader.environment(null))).loadAll());
        } catch (IOException e) {
            errors.add(new MappingError(results.toString(), 1, e.getMessage()));
        }
        // issue 15: the link mappings (CONNECTOR_INVITATIONS_LINK_MAPPINGS), checked as the service checks them
        java.nio.file.Path links = java.nio.file.Path.of(settings.routeProperties()
                .getProperty("connector.invitation-links.mappings", "mappings/links"));
        try {
            errors.addAll(new dev.jobmojito.connector.writeback.ResultMappings(links,
                    new MappingLoader(MappingLoader.environment(null))).loadAll());
        } catch (IOException e) {
            errors.add(new MappingError(links.toString(), 1, e.getMessage()));
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

    /** The unmatched field paths of the sample's mapping (named by the sample's folder), or why none were looked for. */
    private static List<String> sampleWarnings(MappingRegistry registry, java.nio.file.Path sample) {
        java.nio.file.Path folder = sample.toAbsolutePath().getParent();
        String name = folder == null ? "" : folder.getFileName().toString();
        Mapping mapping = registry.all().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        if (mapping == null) {
            return List.of(sample + ": no usable mapping is named after its folder \"" + name + "\" (put the sample"
                    + " in a folder named after its mapping, as in the drop folder)");
        }
        UnmatchedPaths unmatched = new UnmatchedPaths(mapping);
        try (var in = new java.io.BufferedInputStream(Files.newInputStream(sample), 1 << 16);
             var records = dev.jobmojito.connector.input.RecordStreams.open(in, sample.getFileName().toString(),
                     mapping)) {
            while (records.hasNext()) {
                var record = records.next();
                if (record.problem() == null) {
                    unmatched.read(record.node());
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(sample + ": the sample cannot be read: " + e.getMessage());
        }
        return unmatched.warnings();
    }
}
