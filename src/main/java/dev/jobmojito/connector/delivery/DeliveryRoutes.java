package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.system.ConnectorProperties;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:deliver-job}: one job from record to result. A call that may pass on another try is made again
 * by Camel's redelivery (exponential back-off with jitter, without holding a thread while waiting); each try
 * starts from what the ledger says, so a create whose answer was lost is looked for before it is sent again.
 * Whatever happens ends as one result line.
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
                .onException(RetryableCallException.class, JobMojitoClient.CallFailedException.class)
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
                .filter(exchangeProperty(DeliveryJobs.MAPPED).isNotNull())
                    .process(jobs::send)
                    .process(jobs::answered)
                .end();
    }
}
