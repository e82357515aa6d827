package dev.jobmojito.connector.cli;

import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.Suggestions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.catalog.impl.DefaultRuntimeCamelCatalog;
import org.apache.camel.Endpoint;
import org.apache.camel.LineNumberAware;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.tooling.model.ComponentModel;

/**
 * Checks the Camel YAML routes of a folder without starting them: each file must load, each endpoint must be
 * one Camel can create with the settings given (unknown options, bad values, missing beans), and each
 * {@code direct:} a route sends to must exist.
 */
final class RouteChecker {

    /** The {@code direct:} endpoints the connector's own Java routes consume. */
    static final Set<String> CONNECTOR_ENDPOINTS = Set.of("direct:process-file", "direct:process-poll",
            "direct:deliver-job", "direct:jobmojito-call", "direct:ats-fetch",
            // pipeline/invitations.camel.yaml (issue 15)
            "direct:process-candidates-file",
            // pipeline/application-polls.camel.yaml (issue 15, polls of the ATS's applications)
            "direct:process-application-poll",
            "direct:ats-write-call");
    /** Beans routes may refer to with {@code #name}. */
    static final Set<String> CONNECTOR_BEANS = Set.of("drainTracker", "inboxClaims");
    /** Route configurations the connector defines. */
    static final Set<String> CONNECTOR_ROUTE_CONFIGURATIONS = Set.of("intake");

    private final Properties settings;

    RouteChecker(Properties settings) {
        this.settings = settings;
    }

    List<MappingError> check(Path folder) throws IOException {
        List<MappingError> errors = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
        // route templates first: files made from them can only load once the templates are known
        List<Path> templatesFirst = new ArrayList<>();
        for (Path file : files) {
            if (Files.readString(file).contains("routeTemplate:")) {
                templatesFirst.add(file);
            }
        }
        files.stream().filter(f -> !templatesFirst.contains(f)).forEach(templatesFirst::add);
        files = templatesFirst;
        if (files.isEmpty()) {
            errors.add(new MappingError(folder.toString(), 1, "no route files (*.camel.yaml) in this folder"));
            return errors;
        }
        Set<String> consumed = new LinkedHashSet<>(CONNECTOR_ENDPOINTS);
        List<Sent> sent = new ArrayList<>();
        CamelContext camel = newContext();
        try {
            for (Path file : files) {
                checkFile(camel, file, errors, consumed, sent);
            }
        } finally {
            camel.stop();
        }
        for (Sent target : sent) {
            if (!consumed.contains(target.uri())) {
                errors.add(new MappingError(target.file(), target.line(), "no route consumes " + target.uri()
                        + Suggestions.didYouMean(target.uri(), consumed)));
            }
        }
        return errors;
    }

    private record Sent(String file, int line, String uri) {
    }

    private CamelContext newContext() {
        DefaultCamelContext camel = new DefaultCamelContext(false);
        camel.setSourceLocationEnabled(true);
        camel.getPropertiesComponent().setInitialProperties(settings);
        camel.getRegistry().bind("drainTracker", new DrainTracker());
        camel.getRegistry().bind("inboxClaims",
                org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository.memoryIdempotentRepository());
        camel.build();
        return camel;
    }

    private void checkFile(CamelContext camel, Path file, List<MappingError> errors, Set<String> consumed,
                           List<Sent> sent) {
        String name = file.toString();
        ModelCamelContext model = (ModelCamelContext) camel;
        int before = model.getRouteDefinitions().size();
        try {
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel,
                    "file:" + file.toAbsolutePath()));
        } catch (Exception e) {
            errors.add(new MappingError(name, lineOf(e), "does not load: " + firstLine(e)));
            return;
        }
        List<RouteDefinition> routes = model.getRouteDefinitions();
        for (RouteDefinition route : routes.subList(before, routes.size())) {
            String configuration = route.getRouteConfigurationId();
            if (configuration != null && !CONNECTOR_ROUTE_CONFIGURATIONS.contains(configuration)) {
                errors.add(new MappingError(name, line(route.getInput()), "unknown routeConfigurationId \""
                        + configuration + "\"" + Suggestions.didYouMean(configuration, CONNECTOR_ROUTE_CONFIGURATIONS)));
            }
            FromDefinition from = route.getInput();
            // a route made from a template resolves {{parameters}} with the values it was given
            Properties parameters = new Properties();
            if (route.getTemplateParameters() != null) {
                route.getTemplateParameters().forEach((key, value) -> parameters.put(key, String.valueOf(value)));
            }
            camel.getPropertiesComponent().setLocalProperties(parameters);
            try {
                String fromUri = checkEndpoint(camel, name, from.getEndpointUri(), line(from), errors);
                if (fromUri != null && fromUri.startsWith("direct:")) {
                    consumed.add(stripOptions(fromUri));
                }
                walk(camel, name, route.getOutputs(), errors, sent);
            } finally {
                camel.getPropertiesComponent().setLocalProperties(null);
            }
        }
    }

    private void walk(CamelContext camel, String file, List<ProcessorDefinition<?>> outputs, List<MappingError> errors,
                      List<Sent> sent) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof SendDefinition<?> send && !(output instanceof ToDynamicDefinition)) {
                String uri = checkEndpoint(camel, file, send.getEndpointUri(), line(send), errors);
                if (uri != null && uri.startsWith("direct:")) {
                    sent.add(new Sent(file, line(send), stripOptions(uri)));
                }
            }
            walk(camel, file, output.getOutputs(), errors, sent);
        }
    }

    /** Creates the endpoint as the running connector would; returns its resolved URI, or null on failure. */
    private String checkEndpoint(CamelContext camel, String file, String uri, int line, List<MappingError> errors) {
        if (uri == null) {
            return null;
        }
        try {
            String resolved = camel.resolvePropertyPlaceholders(uri);
            Endpoint endpoint = camel.getEndpoint(resolved);
            return endpoint.getEndpointUri().startsWith("direct:") ? resolved : endpoint.getEndpointUri();
        } catch (Exception e) {
            errors.add(new MappingError(file, line, "endpoint " + uri + ": " + explain(camel, uri, firstLine(e))));
            return null;
        }
    }

    private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile(
            "Unknown parameters=\\[(.*)]");

    /** Camel lists unknown options; name them with the option probably meant, from the component's catalogue. */
    private String explain(CamelContext camel, String uri, String message) {
        java.util.regex.Matcher unknown = UNKNOWN.matcher(message);
        if (!unknown.find()) {
            return message;
        }
        String scheme = uri.substring(0, Math.max(0, uri.indexOf(':')));
        List<String> options = new ArrayList<>();
        try {
            DefaultRuntimeCamelCatalog catalog = new DefaultRuntimeCamelCatalog();
            catalog.setCamelContext(camel);
            ComponentModel model = catalog.componentModel(scheme);
            if (model != null) {
                model.getEndpointOptions().forEach(option -> options.add(option.getName()));
            }
        } catch (RuntimeException e) {
            return message;
        }
        List<String> parts = new ArrayList<>();
        for (String pair : unknown.group(1).split(",\\s*")) {
            String name = pair.replaceAll("[{}]", "").split("=", 2)[0].strip();
            parts.add("unknown option \"" + name + "\"" + Suggestions.didYouMean(name, options));
        }
        return String.join("; ", parts);
    }

    private static String stripOptions(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static int line(Object node) {
        return node instanceof LineNumberAware aware && aware.getLineNumber() > 0 ? aware.getLineNumber() : 1;
    }

    /** Camel's YAML errors say "in file:..., line N": that line is the one to show. */
    private static int lineOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null) {
                java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("line (\\d+), column")
                        .matcher(message);
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        return 1;
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.strip().lines().findFirst().orElse(message).strip();
    }
}
