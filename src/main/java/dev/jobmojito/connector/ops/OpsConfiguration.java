package dev.jobmojito.connector.ops;

import dev.jobmojito.connector.delivery.DeadLetters;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.results.WebhookOutbox;
import dev.jobmojito.connector.sync.Ledger;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Operations: metrics, gauges and health. */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration {

    @Bean
    ConnectorMetrics connectorMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? ConnectorMetrics.none() : new ConnectorMetrics(meters);
    }

    /** Gauges read when scraped: the ledger's size, the parked dead letters, the webhook's backlog. */
    @Bean
    Object connectorGauges(ConnectorMetrics metrics, Ledger ledger, DeadLetters deadLetters, WebhookOutbox outbox) {
        metrics.gauge("connector.ledger.postings", "Postings in the ledger", ledger::size);
        metrics.gauge("connector.dead_letters", "Requests parked after every retry", deadLetters::count);
        // the outbox is shared by the replicas: each reports the whole backlog
        metrics.gauge("connector.webhook.pending", "Results waiting for the webhook", outbox::pending);
        return "gauges registered";
    }

    @Bean
    HealthIndicator routesHealthIndicator(CamelContext camel, IntakeGate gate) {
        return ConnectorHealth.routes(camel, gate);
    }

    @Bean
    HealthIndicator jobmojitoHealthIndicator(IntakeGate gate, JobMojitoEndpoint endpoint) {
        return ConnectorHealth.jobMojito(gate, endpoint.baseUrl(), endpoint.isSandbox());
    }

    @Bean
    HealthIndicator sourcesHealthIndicator(DrainTracker drain) {
        return ConnectorHealth.sources(drain);
    }

    @Bean
    HealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters) {
        return ConnectorHealth.deadLetters(deadLetters);
    }
}
