package dev.jobmojito.connector.replicas;

import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

/**
 * Leader election for the intake when replicas share a PostgreSQL ledger (and the connector runs as a service):
 * the cluster service and the route policy are beans, which Camel picks up from the registry. With the embedded
 * H2 ledger (one process) or in once mode every intake route simply runs.
 */
@Configuration(proxyBeanMethods = false)
public class ReplicasConfiguration {

    /** The leader lock's rows (table INT_LOCK); its time to live is CONNECTOR_LEADER_TIMEOUT. */
    @Bean
    DefaultLockRepository leaderLockRepository(DataSource dataSource,
                                               @Value("${connector.leader-timeout}") Duration timeout) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource) {
            private volatile boolean ready;

            @Override
            public void afterSingletonsInstantiated() {
                super.afterSingletonsInstantiated();
                ready = true;
            }

            // a start that failed before the context was ready never made the repository's transactions: there
            // is no lock to give back, and closing would end in a NullPointerException warning after the real error
            @Override
            public void close() {
                if (ready) {
                    super.close();
                }
            }
        };
        repository.setRegion("jobmojito-connector");
        repository.setTimeToLive((int) timeout.toMillis());
        return repository;
    }

    @Bean
    JdbcLockRegistry leaderLocks(DefaultLockRepository leaderLockRepository,
                                 @Value("${connector.leader-timeout}") Duration timeout) {
        return new JdbcLockRegistry(leaderLockRepository, timeout);
    }

    /**
     * The intake's leader election, when several replicas may share the ledger; null otherwise. The leader
     * renews its lock three times per timeout, the others try to take it ten times per timeout.
     */
    @Bean
    IntakeLeaderPolicy intakeLeaderPolicy(Ledger ledger, ConnectorProperties connector, JdbcLockRegistry leaderLocks,
                                          @Value("${connector.leader-timeout}") Duration timeout) {
        if (connector.once() || !ledger.claimsAcrossReplicas()) {
            return new IntakeLeaderPolicy(null);
        }
        JdbcLockClusterService cluster = new JdbcLockClusterService(leaderLocks, timeout.dividedBy(3),
                timeout.dividedBy(10));
        return new IntakeLeaderPolicy(cluster);
    }
}
