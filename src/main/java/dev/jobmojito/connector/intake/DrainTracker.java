package dev.jobmojito.connector.intake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the polls of the intake routes (as their {@code pollStrategy}) to know when a source is drained: a
 * poll that found nothing after everything before it was handled. Once mode waits for every intake route to be
 * drained before it stops. A poll that fails (an SFTP server that refuses us) is remembered as a failure.
 */
public final class DrainTracker implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(DrainTracker.class);

    private final Map<String, Boolean> drained = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return true;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String route = routeOf(consumer);
        failures.remove(route);
        lastSuccess.put(route, Instant.now());
        if (polledMessages == 0) {
            drained.put(route, true);
        } else {
            drained.put(route, false);
        }
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        String route = routeOf(consumer);
        String message = reason(cause);
        if (!message.equals(failures.put(route, message))) {
            LOG.error("Route {} could not poll {}: {}", route, endpoint, message);
        }
        // no immediate retry: the next scheduled poll tries again, and once mode reports the failure
        return false;
    }

    /** Marks a route that polls by itself (a scheduled ATS poll) as having finished a full cycle. */
    public void cycleDone(String route) {
        failures.remove(route);
        lastSuccess.put(route, Instant.now());
        drained.put(route, true);
    }

    /** Records a failed cycle of a route that polls by itself. */
    public void cycleFailed(String route, String reason) {
        failures.put(route, reason);
    }

    /** True when the route has polled and found nothing more, or has failed to poll. */
    public boolean settled(String route) {
        return Boolean.TRUE.equals(drained.get(route)) || failures.containsKey(route);
    }

    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    /** When each source last read completely (a poll without error, a full cycle). */
    public Map<String, Instant> lastSuccess() {
        return Map.copyOf(lastSuccess);
    }

    /**
     * What the run summary and the log say about a failed poll: the exception's message, except for an SFTP
     * server whose host key is not the one in the known_hosts file, which is named with its host and the fix
     * (issue 11: "a changed SFTP host key is reported as a stack trace").
     */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof com.jcraft.jsch.JSchHostKeyException hostKey) {
                String host = hostOf(hostKey.getMessage());
                String file = "the known_hosts file (CONNECTOR_SFTP_KNOWN_HOSTS_FILE)";
                if (hostKey instanceof com.jcraft.jsch.JSchUnknownHostKeyException) {
                    return "host key unknown: SFTP server " + host + " is not in " + file + ". Add its line, after"
                            + " checking the key's fingerprint with the server's administrator (ssh-keyscan "
                            + "prints it); nothing was read";
                }
                return "host key changed: SFTP server " + host + " answered with a key other than the one in "
                        + file + ". If its administrator confirms the server's key was changed, replace that"
                        + " line with the new one (check its fingerprint; ssh-keyscan prints it); if not, someone"
                        + " may be in between: do not connect. Nothing was read";
            }
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** "[127.0.0.1]:2222" from JSch's "HostKey has been changed: [127.0.0.1]:2222". */
    private static String hostOf(String message) {
        if (message == null) {
            return "(unknown host)";
        }
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2).strip();
    }

    private static String routeOf(Consumer consumer) {
        return consumer instanceof RouteIdAware aware && aware.getRouteId() != null ? aware.getRouteId()
                : String.valueOf(consumer.getEndpoint());
    }
}
