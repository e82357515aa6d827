package dev.jobmojito.connector.intake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.RouteIdAware;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows when an intake route's source is drained, whatever its component, so once mode can stop when every
 * intake route is drained and nothing is in flight:
 *
 * <ul>
 *   <li>a polling consumer (file, SFTP, any scheduled component) that has this as its {@code pollStrategy} is
 *       drained when a poll found nothing after everything before it was handled; a poll that fails (an SFTP
 *       server that refuses us) is remembered as a failure;</li>
 *   <li>any other source (a timer, the {@code ats-poll} template, a scheduler of the user's) is drained once an
 *       exchange it started has completed: one full cycle. Seen as a Camel event notifier.</li>
 * </ul>
 *
 * A source that read but could not finish (a poll cycle that failed) says so with {@link #cycleFailed}.
 */
public final class DrainTracker extends EventNotifierSupport implements PollingConsumerPollStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(DrainTracker.class);

    private final Map<String, Boolean> drained = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final Set<String> polling = ConcurrentHashMap.newKeySet();

    public DrainTracker() {
        // only exchanges ending matter
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        polling.add(routeOf(consumer));
        return true;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    /**
     * An exchange ended: when a source that does not poll through this tracker started it, that source has had a
     * full cycle (a read, or a failure).
     */
    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        // copies made by a splitter, multicast or enricher are parts of their cycle, not cycles
        if (route == null || polling.contains(route) || exchange.getProperty(Exchange.CORRELATION_ID) != null) {
            return;
        }
        if (event instanceof CamelEvent.ExchangeFailedEvent && exchange.getException() != null) {
            Exception cause = exchange.getException();
            failures.put(route, cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } else if (failedAt.getOrDefault(route, 0L) < exchange.getClock().getCreated()) {
            // no failure said during this cycle
            failures.remove(route);
            lastSuccess.put(route, Instant.now());
        }
        drained.put(route, true);
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

    /** Records that the current cycle of a source failed (a poll that could not read every page), with why. */
    public void cycleFailed(String route, String reason) {
        failedAt.put(route, System.currentTimeMillis());
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
