package dev.jobmojito.connector.replicas;

import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.idempotent.jdbc.JdbcOrphanLockAwareIdempotentRepository;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
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
     * Whether replicas share the drop folder: in service mode on a ledger whose claims hold across replicas
     * (PostgreSQL). Then every replica reads it, each file claimed in the database; otherwise the route reads
     * alone. Camel reads the route's read-lock settings from it.
     */
    @Bean
    SharedInbox sharedInbox(Ledger ledger, ConnectorProperties connector) {
        return new SharedInbox(!connector.once() && ledger.claimsAcrossReplicas());
    }

    /**
     * The drop folder's file claims: rows in {@code inbox_file_claim} (migration V7) when replicas share it, kept
     * alive three times per CONNECTOR_LEADER_TIMEOUT by the replica reading the file and taken over by another
     * once that long stale (the replica died), each released only by the replica holding it
     * ({@link InboxFileClaims}); an unused in-memory repository otherwise.
     */
    @Bean
    IdempotentRepository inboxClaims(SharedInbox sharedInbox, DataSource dataSource, CamelContext camel,
                                     @Value("${connector.leader-timeout}") Duration timeout) {
        if (!sharedInbox.shared()) {
            return MemoryIdempotentRepository.memoryIdempotentRepository();
        }
        JdbcOrphanLockAwareIdempotentRepository claims =
                new JdbcOrphanLockAwareIdempotentRepository(dataSource, "inbox", camel);
        claims.setTableName("inbox_file_claim");
        claims.setCreateTableIfNotExists(false);
        claims.setLockMaxAgeMillis(timeout.toMillis());
        claims.setLockKeepAliveIntervalMillis(Math.max(100, timeout.toMillis() / 3));
        return new InboxFileClaims(claims);
    }

    /**
     * The intake's leader election, when several replicas may share the ledger; null otherwise. The leader
     * renews its lock three times per timeout, the others try to take it ten times per timeout. The drop folder
     * is left out when replicas share it: every replica reads it (see {@link #sharedInbox}).
     */
    @Bean
    IntakeLeaderPolicy intakeLeaderPolicy(Ledger ledger, ConnectorProperties connector, JdbcLockRegistry leaderLocks,
                                          SharedInbox sharedInbox,
                                          @Value("${connector.leader-timeout}") Duration timeout) {
        if (connector.once() || !ledger.claimsAcrossReplicas()) {
            return new IntakeLeaderPolicy(null, Set.of());
        }
        JdbcLockClusterService cluster = new JdbcLockClusterService(leaderLocks, timeout.dividedBy(3),
                timeout.dividedBy(10));
        return new IntakeLeaderPolicy(cluster, sharedInbox.shared() ? Set.of(SHARED_INBOX_ROUTE) : Set.of());
    }

    /** The drop folder's route id ({@code routes/inbox.camel.yaml}). */
    static final String SHARED_INBOX_ROUTE = "inbox";
}
