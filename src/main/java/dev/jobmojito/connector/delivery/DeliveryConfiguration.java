package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncDelivery;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delivery: the job steps, their routes, the retry rules, dead letters and replay. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    DeadLetters deadLetters(ConnectorProperties connector, Clock clock) {
        return new DeadLetters(connector.state().resolve("dead-letters"), clock);
    }

    @Bean
    DeliveryJobs deliveryJobs(SyncDelivery sync, IntakeGate gate, DeadLetters deadLetters,
                              ConnectorProperties connector, ConnectorMetrics metrics, Clock clock,
                              StateGuard stateGuard) {
        return new DeliveryJobs(sync, gate, deadLetters, connector.retry().retryAfterCap(), metrics, clock,
                stateGuard);
    }

    @Bean
    DeliveryRules deliveryRules(DeliveryJobs jobs, ConnectorProperties connector) {
        return new DeliveryRules(jobs, connector.retry());
    }

    @Bean
    ReplayRun replayRun(CamelContext camel, ProducerTemplate producer, DeadLetters deadLetters) {
        return new ReplayRun(camel, producer, deadLetters, System.out);
    }
}
