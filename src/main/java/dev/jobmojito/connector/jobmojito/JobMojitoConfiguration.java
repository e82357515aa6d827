package dev.jobmojito.connector.jobmojito;

import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.system.CheckedFolders;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** JobMojito: the endpoint (real or the embedded sandbox), the one route out, the client and the token watch. */
@Configuration(proxyBeanMethods = false)
public class JobMojitoConfiguration {

    @Bean(destroyMethod = "close")
    JobMojitoEndpoint jobMojitoEndpoint(JobMojitoProperties properties, CheckedFolders folders) {
        return JobMojitoEndpoint.from(properties, folders.state());
    }

    @Bean
    JobMojitoRoutes jobMojitoRoutes(JobMojitoEndpoint endpoint, JobMojitoProperties properties,
                                    ConnectorProperties connector, ConnectorMetrics metrics) {
        return new JobMojitoRoutes(endpoint, metrics, properties.connectTimeout(), properties.responseTimeout(),
                connector.concurrency(), connector.rateLimit());
    }

    @Bean
    JobMojitoClient jobMojitoClient(JobMojitoEndpoint endpoint, Clock clock) {
        return new JobMojitoClient(endpoint, clock);
    }

    @Bean
    TokenWatch tokenWatch(JobMojitoEndpoint endpoint, IntakeGate gate) {
        return new TokenWatch(endpoint.token(), gate);
    }
}
