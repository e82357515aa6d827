package dev.jobmojito.connector.ops;

import dev.jobmojito.connector.delivery.DeadLetters;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health contributions: each tells one thing an engineer running the connector unattended needs to see. Their
 * details are shown only to an authorized caller (application.yaml); texts that quote a failure are masked.
 */
public final class ConnectorHealth {

    private ConnectorHealth() {
    }

    /** The intake routes and their state: DOWN while any is not running (except those not switched on). */
    public static HealthIndicator routes(CamelContext camel, IntakeGate gate) {
        return () -> {
            Map<String, Object> states = new LinkedHashMap<>();
            boolean allUp = true;
            for (Route route : camel.getRoutes()) {
                String state = camel.getRouteController().getRouteStatus(route.getRouteId()).name();
                states.put(route.getRouteId(), state);
                if ("intake".equals(route.getGroup()) && gate.paused() && !state.equals("Stopped")) {
                    allUp = false;
                }
            }
            return (allUp ? Health.up() : Health.down()).withDetails(states).build();
        };
    }

    /** The JobMojito token: DOWN from the moment JobMojito refused it (401) until a new one is found. */
    public static HealthIndicator jobMojito(IntakeGate gate, String baseUrl, boolean sandbox) {
        return () -> {
            Health.Builder health = gate.paused() ? Health.down().withDetail("token", "refused")
                    .withDetail("reason", SecretRegistry.mask(gate.reason())) : Health.up().withDetail("token", "accepted or not yet used");
            return health.withDetail("baseUrl", SecretRegistry.mask(baseUrl)).withDetail("sandbox", sandbox).build();
        };
    }

    /**
     * The sources that poll (SFTP, ATS APIs): when each last read completely, and why the last try failed, if
     * it did. DOWN while one is failing.
     */
    public static HealthIndicator sources(DrainTracker drain) {
        return () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            drain.lastSuccess().forEach((route, at) -> details.put(route + ".lastSuccessfulPoll", at.toString()));
            drain.failures().forEach((route, reason) -> details.put(route + ".failing",
                    SecretRegistry.mask(reason)));
            return (drain.failures().isEmpty() ? Health.up() : Health.down()).withDetails(details).build();
        };
    }

    /** Jobs parked after every retry, waiting for {@code replay}. */
    public static HealthIndicator deadLetters(DeadLetters deadLetters) {
        return () -> Health.up().withDetail("count", deadLetters.count())
                .withDetail("where", deadLetters.where()).build();
    }
}
