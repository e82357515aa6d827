package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JsonLinesResults;
import dev.jobmojito.connector.results.RunSummary;
import dev.jobmojito.connector.results.WebhookSender;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Intake: the gate, graceful stop, the drain tracker, the file path and once mode. */
@Configuration(proxyBeanMethods = false)
public class IntakeConfiguration {

    @Bean
    GracefulStop gracefulStop(IntakeGate gate, ObjectProvider<CamelContext> camel) {
        return new GracefulStop(gate, camel);
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

    /**
     * Makes sure Camel tells the drain tracker when an exchange ends. Camel Spring Boot adds the event notifiers
     * it finds among the beans when it configures the context, but without creating beans for it: a tracker
     * made after that (when a bean built earlier needed the context first) was never told, and once mode waited
     * for a timer-driven poll's cycle forever. Added here when missing, before the routes start.
     */
    @Bean
    CamelContextConfiguration drainTrackerNotified(DrainTracker drain) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                if (!camel.getManagementStrategy().getEventNotifiers().contains(drain)) {
                    camel.getManagementStrategy().addEventNotifier(drain);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

    @Bean
    FileIntake fileIntake(MappingRegistry mappings, IntakeGate gate, RunSummary summary,
                          Clock clock, ConnectorProperties connector) {
        // a broken file gets six settle times (30 s by default) for its writer to finish it before quarantine
        return new FileIntake(mappings, gate, summary, clock, connector.inbox(),
                connector.fileSettleTime().multipliedBy(6));
    }

    @Bean
    IntakeRouteConfiguration intakeRouteConfiguration() {
        return new IntakeRouteConfiguration();
    }

    /** The threads of {@code process-file}'s splitter ({@code executorService: fileJobThreads}). */
    @Bean(destroyMethod = "shutdown")
    java.util.concurrent.ExecutorService fileJobThreads(CamelContext camel, ConnectorProperties connector) {
        return IntakeRouteConfiguration.jobThreads(camel, "file-jobs", connector.concurrency());
    }

    /** The threads of {@code process-poll}'s splitter ({@code executorService: pollJobThreads}). */
    @Bean(destroyMethod = "shutdown")
    java.util.concurrent.ExecutorService pollJobThreads(CamelContext camel, ConnectorProperties connector) {
        return IntakeRouteConfiguration.jobThreads(camel, "poll-jobs", connector.concurrency());
    }

    @Bean
    OnceRun onceRun(CamelContext camel, DrainTracker drain, IntakeGate gate, RunSummary summary,
                    JsonLinesResults results, ObjectProvider<WebhookSender> webhook,
                    ObjectProvider<AwaitedWork> awaited) {
        return new OnceRun(camel, drain, gate, summary, results, webhook.getIfAvailable(), System.out,
                awaited.orderedStream().toList());
    }
}
