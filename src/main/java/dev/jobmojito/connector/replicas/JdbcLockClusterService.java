package dev.jobmojito.connector.replicas;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterService;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Camel's cluster service on a lock in the database: each namespace is a lock of Spring Integration's
 * {@code JdbcLockRegistry}, and the replica whose {@link LockRegistryLeaderInitiator} holds it is the leader. The
 * holder renews the lock at every heartbeat; a replica that stops (SIGTERM) releases it at once, and one that
 * dies or is cut off from the database loses it when its time to live has passed, after which another replica
 * takes it. Camel's {@code ClusteredRoutePolicy} starts and stops routes as leadership comes and goes.
 */
public final class JdbcLockClusterService extends AbstractCamelClusterService<JdbcLockClusterService.View> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcLockClusterService.class);

    private final LockRegistry<?> locks;
    private final Duration heartbeat;
    private final Duration retry;
    private final String member = UUID.randomUUID().toString();

    /**
     * @param locks     the registry the leader locks are taken in
     * @param heartbeat how often the leader renews its lock (well under the lock's time to live)
     * @param retry     how often a replica that is not the leader tries to take the lock
     */
    public JdbcLockClusterService(LockRegistry<?> locks, Duration heartbeat, Duration retry) {
        super("jdbc-lock");
        this.locks = locks;
        this.heartbeat = heartbeat;
        this.retry = retry;
    }

    @Override
    protected View createView(String namespace) {
        return new View(namespace);
    }

    /** One namespace: leader while this replica holds the namespace's lock. */
    final class View extends AbstractCamelClusterView {

        private volatile boolean leader;
        private LockRegistryLeaderInitiator initiator;
        private final CamelClusterMember local = new CamelClusterMember() {
            @Override
            public boolean isLeader() {
                return leader;
            }

            @Override
            public boolean isLocal() {
                return true;
            }

            @Override
            public String getId() {
                return member;
            }
        };

        View(String namespace) {
            super(JdbcLockClusterService.this, namespace);
        }

        @Override
        public Optional<CamelClusterMember> getLeader() {
            return leader ? Optional.of(local) : Optional.empty();
        }

        @Override
        public CamelClusterMember getLocalMember() {
            return local;
        }

        @Override
        public List<CamelClusterMember> getMembers() {
            return List.of(local);
        }

        @Override
        protected void doStart() {
            initiator = new LockRegistryLeaderInitiator(locks, new Candidate() {
                @Override
                public String getRole() {
                    return getNamespace();
                }

                @Override
                public String getId() {
                    return member;
                }

                @Override
                public void onGranted(Context context) {
                    changed(true);
                }

                @Override
                public void onRevoked(Context context) {
                    changed(false);
                }
            });
            initiator.setHeartBeatMillis(heartbeat.toMillis());
            initiator.setBusyWaitMillis(retry.toMillis());
            initiator.start();
        }

        @Override
        protected void doStop() {
            if (initiator != null) {
                // releases the lock: another replica takes over without waiting for it to expire
                initiator.stop();
                initiator = null;
            }
            changed(false);
        }

        private void changed(boolean nowLeader) {
            if (leader != nowLeader) {
                leader = nowLeader;
                LOG.info(nowLeader ? "This replica now runs the intake of {} (it holds the leader lock)"
                        : "This replica no longer runs the intake of {}", getNamespace());
                fireLeadershipChangedEvent(nowLeader ? local : null);
            }
        }
    }
}
