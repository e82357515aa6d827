package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.sync.SyncDelivery;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.time.Clock;
import org.apache.camel.ProducerTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** ATS polls: the fetch route, the poller and the end of a cycle. */
@Configuration(proxyBeanMethods = false)
public class PollConfiguration {

    @Bean
    AtsFetchRoutes atsFetchRoutes(JobMojitoProperties properties) {
        // the same patience as with JobMojito: ATS APIs are as slow or as fast
        return new AtsFetchRoutes(properties.connectTimeout(), properties.responseTimeout());
    }

    @Bean
    AtsPoller atsPoller(MappingRegistry mappings, IntakeGate gate, DrainTracker drain,
                        Clock clock, ConnectorProperties connector) {
        return new AtsPoller(mappings, gate, drain, clock, connector.once());
    }

    @Bean
    AtsPages atsPages() {
        return new AtsPages();
    }

    @Bean
    PollIntake pollIntake(SyncDelivery sync, IntakeGate gate, DrainTracker drain,
                          Clock clock) {
        return new PollIntake(sync, gate, drain, clock);
    }


}
