package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.jobmojito.JobMojitoCalls;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.io.IOException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:deliver-job}: one job from record to result. Calls that may pass on another try are sent again
 * by Camel's redelivery (exponential back-off with jitter, without holding a thread while waiting); whatever
 * happens ends as one result line.
 */
public final class DeliveryRoutes extends RouteBuilder {

    private final DeliveryJobs jobs;
    private final ConnectorProperties.Retry retry;

    public DeliveryRoutes(DeliveryJobs jobs, ConnectorProperties.Retry retry) {
        this.jobs = jobs;
        this.retry = retry;
    }

    @Override
    public void configure() {
        from("direct:deliver-job").routeId("deliver-job")
                .onException(TokenRefusedException.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::tokenRefused)
                .end()
                .onException(RetryableCallException.class, IOException.class)
                    .maximumRedeliveries(Math.max(0, retry.maxAttempts() - 1))
                    .redeliveryDelay(retry.initialDelay().toMillis())
                    .useExponentialBackOff()
                    .backOffMultiplier(2)
                    .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                    .useCollisionAvoidance()
                    .asyncDelayedRedelivery()
                    .retryAttemptedLogLevel(LoggingLevel.WARN)
                    .logRetryStackTrace(false)
                    .logExhausted(false)
                    .handled(true)
                    .process(jobs::failed)
                .end()
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::unexpected)
                .end()
                .process(jobs::map)
                .filter(exchangeProperty(JobMojitoCalls.REQUEST).isNotNull())
                    .to("direct:jobmojito-create")
                    .process(jobs::answered)
                .end();
    }
}
