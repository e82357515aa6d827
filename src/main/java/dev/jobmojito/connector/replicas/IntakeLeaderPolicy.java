package dev.jobmojito.connector.replicas;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.CamelContextHelper;

/**
 * Puts every intake route that is switched on (group {@code intake}: the ATS polls, the SFTP pull, the drop
 * folder, and route files of one's own in that group) under one {@link ClusteredRoutePolicy}: they run on the
 * replica that leads the namespace {@value #NAMESPACE} and stay stopped on the others. A route that is not
 * switched on is left alone (the policy would otherwise start it on the leader), and so is a route that shares
 * its work out itself (the drop folder when replicas share it: each file is claimed in the database).
 *
 * <p>Routes in group {@value #LEADER_GROUP} (housekeeping that must not run on two replicas at once, such as
 * {@code invitation-links-left}) are put under the same policy: they run on the leader only. They are not intake:
 * once mode does not wait for them, and a paused intake does not stop them.
 */
public final class IntakeLeaderPolicy implements RoutePolicyFactory {

    /** The cluster namespace (and lock name) of the intake. */
    public static final String NAMESPACE = "connector-intake";
    /** The route group of leader-only routes that are not intake. */
    public static final String LEADER_GROUP = "leader";

    private final CamelClusterService cluster;
    private final Set<String> everyReplica;
    private ClusteredRoutePolicy policy;

    /**
     * @param cluster      the cluster service electing the leader; null when every intake route simply runs
     * @param everyReplica ids of intake routes that run on every replica anyway
     */
    public IntakeLeaderPolicy(CamelClusterService cluster, Set<String> everyReplica) {
        this.cluster = cluster;
        this.everyReplica = Set.copyOf(everyReplica);
    }

    @Override
    public synchronized RoutePolicy createRoutePolicy(CamelContext camel, String routeId, NamedNode node) {
        if (cluster == null || !(node instanceof RouteDefinition route)
                || !("intake".equals(route.getGroup()) || LEADER_GROUP.equals(route.getGroup()))
                || everyReplica.contains(routeId)) {
            return null;
        }
        Boolean autoStartup = CamelContextHelper.parseBoolean(camel, route.getAutoStartup());
        if (autoStartup != null && !autoStartup) {
            return null;
        }
        if (policy == null) {
            try {
                // a service of the context: started now, stopped (releasing the lock) after the routes
                cluster.setCamelContext(camel);
                camel.addService(cluster, true, true);
                policy = ClusteredRoutePolicy.forNamespace(cluster, NAMESPACE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            policy.setCamelContext(camel);
        }
        return policy;
    }
}
