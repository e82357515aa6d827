package dev.jobmojito.connector.jobmojito;

import dev.jobmojito.connector.intake.IntakeGate;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code token-watch}: while intake is paused because JobMojito refused the token, looks at the token file
 * every few seconds; once a new token is there (a refresher rotated it, a secret was remounted), intake resumes
 * where it stopped. A token given in the environment cannot change without a restart.
 */
public final class TokenWatch extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(TokenWatch.class);

    private final JobMojitoToken token;
    private final IntakeGate gate;

    public TokenWatch(JobMojitoToken token, IntakeGate gate) {
        this.token = token;
        this.gate = gate;
    }

    @Override
    public void configure() {
        from("timer:token-watch?period=5000").routeId("token-watch")
                .process(exchange -> checkToken(getContext()));
    }

    private void checkToken(CamelContext camel) throws Exception {
        if (!gate.paused() || !token.reload()) {
            return;
        }
        LOG.info("A new JobMojito token was found in {}: resuming intake", token.origin());
        gate.resume();
        for (Route route : camel.getRoutes()) {
            String id = route.getRouteId();
            if ("intake".equals(route.getGroup())
                    && camel.getRouteController().getRouteStatus(id) == ServiceStatus.Suspended) {
                camel.getRouteController().resumeRoute(id);
            }
        }
    }
}
