package dev.jobmojito.connector.system;

import dev.jobmojito.connector.delivery.DeliveryJobs;
import dev.jobmojito.connector.delivery.DeliveryRoutes;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.FileIntakeRoutes;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.OnceRun;
import dev.jobmojito.connector.jobmojito.JobMojitoCalls;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.jobmojito.JobMojitoRoutes;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JsonLinesResults;
import dev.jobmojito.connector.results.ResultPublisher;
import dev.jobmojito.connector.results.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the connector's parts. Each part is plain Java; only this class knows about Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConnectorProperties.class, JobMojitoProperties.class})
public class ConnectorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    JobMojitoEndpoint jobMojitoEndpoint(JobMojitoProperties properties) {
        return JobMojitoEndpoint.from(properties);
    }

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

    @Bean(destroyMethod = "close")
    JsonLinesResults jsonLinesResults(ConnectorProperties connector, Clock clock) {
        return new JsonLinesResults(connector.results(), clock);
    }

    @Bean
    RunSummary runSummary() {
        return new RunSummary();
    }

    @Bean
    ResultPublisher resultPublisher(JsonLinesResults lines, RunSummary summary) {
        return new ResultPublisher(List.of(lines, summary));
    }

    @Bean
    IntakeGate intakeGate(ObjectProvider<CamelContext> camel) {
        return new IntakeGate(() -> {
            // suspend from another thread: a route can't wait for its own in-flight exchange to finish
            Thread pausing = new Thread(() -> suspendIntake(camel.getObject()), "intake-pause");
            pausing.setDaemon(true);
            pausing.start();
        });
    }

    private static void suspendIntake(CamelContext camel) {
        for (Route route : camel.getRoutes()) {
            if ("intake".equals(route.getGroup())) {
                try {
                    camel.getRouteController().suspendRoute(route.getRouteId());
                } catch (Exception e) {
                    // stopping anyway (once mode) or shutting down: nothing more to pause
                }
            }
        }
    }

    @Bean("drainTracker")
    DrainTracker drainTracker() {
        return new DrainTracker();
    }

    @Bean
    FileIntake fileIntake(MappingRegistry mappings, IntakeGate gate, ResultPublisher results, RunSummary summary,
                          Clock clock) {
        return new FileIntake(mappings, gate, results, summary, clock);
    }

    @Bean
    FileIntakeRoutes fileIntakeRoutes(FileIntake intake, ConnectorProperties connector) {
        return new FileIntakeRoutes(intake, connector.concurrency());
    }

    @Bean
    FileIntakeRoutes.Configuration intakeRouteConfiguration() {
        return new FileIntakeRoutes.Configuration();
    }

    @Bean
    JobMojitoCalls jobMojitoCalls(JobMojitoEndpoint endpoint, Clock clock) {
        return new JobMojitoCalls(endpoint, clock);
    }

    @Bean
    JobMojitoRoutes jobMojitoRoutes(JobMojitoEndpoint endpoint, JobMojitoCalls calls, JobMojitoProperties properties) {
        return new JobMojitoRoutes(endpoint, calls, properties.connectTimeout(), properties.responseTimeout());
    }

    @Bean
    DeliveryJobs deliveryJobs(ResultPublisher results, IntakeGate gate, Clock clock) {
        return new DeliveryJobs(results, gate, clock);
    }

    @Bean
    DeliveryRoutes deliveryRoutes(DeliveryJobs jobs, ConnectorProperties connector) {
        return new DeliveryRoutes(jobs, connector.retry());
    }

    @Bean
    OnceRun onceRun(CamelContext camel, DrainTracker drain, IntakeGate gate, RunSummary summary,
                    JsonLinesResults results) {
        return new OnceRun(camel, drain, gate, summary, results, System.out);
    }
}
