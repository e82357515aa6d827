package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncDelivery;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Delivery: the job steps, their routes, the retry rules, dead letters and replay. */
@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    /**
     * The dead letters in the ledger's database; the letter files an earlier version left in CONNECTOR_STATE are
     * imported into it as it is made (before any route starts).
     */
    @Bean
    @DependsOnDatabaseInitialization
    DeadLetters deadLetters(DataSource dataSource, ConnectorProperties connector, Clock clock) {
        DeadLetters deadLetters = new DeadLetters(dataSource, clock);
        deadLetters.importFiles(connector.state());
        return deadLetters;
    }

    @Bean
    DeliveryJobs deliveryJobs(SyncDelivery sync, IntakeGate gate, DeadLetters deadLetters,
                              ConnectorProperties connector, ConnectorMetrics metrics, Clock clock,
                              StateGuard stateGuard) {
        return new DeliveryJobs(sync, gate, deadLetters, connector.retry().retryAfterCap(), metrics, clock,
                stateGuard);
    }

    @Bean
    Recognition recognition(SyncDelivery sync, IntakeGate gate, StateGuard stateGuard, Clock clock) {
        return new Recognition(sync, gate, stateGuard, clock);
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
