package dev.jobmojito.connector.intake;

import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;

/**
 * Closes the intake gate the moment the application starts to close (SIGTERM, Ctrl-C, the end of a once-mode
 * run), before Camel stops its routes: files being read stop yielding jobs, jobs already sent finish within
 * {@code camel.main.shutdown-timeout} ({@code CONNECTOR_SHUTDOWN_GRACE}), and a file whose jobs were not all
 * handled is rolled back into its inbox instead of being moved to {@code .done/}. Runs before Camel's own
 * listener (highest precedence), and the ledger's database is closed only after Camel has stopped.
 */
public final class GracefulStop implements ApplicationListener<ContextClosedEvent>, Ordered {

    private final IntakeGate gate;
    private final org.springframework.beans.factory.ObjectProvider<org.apache.camel.CamelContext> camel;

    /** @param camel the Camel context, asked whether anything is still in flight when the stop begins */
    public GracefulStop(IntakeGate gate,
                        org.springframework.beans.factory.ObjectProvider<org.apache.camel.CamelContext> camel) {
        this.gate = gate;
        this.camel = camel;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        org.apache.camel.CamelContext context = camel.getIfAvailable();
        gate.stop(context != null && context.getInflightRepository().size() > 0);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
