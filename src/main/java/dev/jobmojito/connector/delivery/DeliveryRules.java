package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.model.OnExceptionDefinition;
import org.springframework.dao.DataAccessException;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The rules of the job path's routes ({@code pipeline/job-path.camel.yaml}), kept in Java because they are
 * computed from settings (attempts, delays) and call the job steps on failure:
 *
 * <ul>
 *   <li>{@code delivery} ({@code send-job}): what happens when a call to JobMojito fails;</li>
 *   <li>{@code job} ({@code deliver-job}): anything unexpected while mapping a record ends that job alone.</li>
 * </ul>
 *
 * What happens when a call to JobMojito fails, decided once for every route that sends jobs. A call that may
 * pass on another try is made again by Camel's redelivery: the wait JobMojito asks for ({@code Retry-After},
 * capped), or exponential back-off with jitter, without holding a thread while waiting. Each try starts
 * from what the ledger says, so a create whose answer was lost is looked for before it is sent again.
 * When the tries are used up the job is reported failed and its request parked as a dead letter. A job whose
 * result is decided in a rule goes on to {@code direct:job-result} like any other; one whose token was refused or
 * whose outcome could not be written down has no result: it is done again with its file.
 */
public final class DeliveryRules extends RouteConfigurationBuilder {

    private final DeliveryJobs jobs;
    private final ConnectorProperties.Retry retry;

    public DeliveryRules(DeliveryJobs jobs, ConnectorProperties.Retry retry) {
        this.jobs = jobs;
        this.retry = retry;
    }

    /**
     * The retry rules every call out shares (JobMojito's and the write-back's), set on {@code onException}:
     * {@code CONNECTOR_RETRY_MAX_ATTEMPTS} tries in all, the first wait {@code CONNECTOR_RETRY_INITIAL_DELAY},
     * doubled per try up to {@code CONNECTOR_RETRY_MAX_DELAY}, with jitter (collision avoidance: jobs and replicas
     * do not retry in step), waiting without holding a thread; each retry logged at WARN without its stack trace.
     * A {@code Retry-After} is obeyed on top of these, by the caller's {@code onExceptionOccurred}.
     *
     * @return {@code onException}, for the caller's own handling of a try that failed and of the last one
     */
    public static OnExceptionDefinition backOff(OnExceptionDefinition onException, ConnectorProperties.Retry retry) {
        return onException
                .maximumRedeliveries(Math.max(0, retry.maxAttempts() - 1))
                .redeliveryDelay(retry.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                .useCollisionAvoidance()
                .asyncDelayedRedelivery()
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logExhausted(false);
    }

    @Override
    public void configuration() {
        var delivery = routeConfiguration("delivery");
        delivery.onException(TokenRefusedException.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::tokenRefused)
                .end()
                .onException(OutcomeNotRecordedException.class, DataAccessException.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::notRecorded)
                .end();
        backOff(delivery.onException(RetryableCallException.class, JobMojitoClient.CallFailedException.class), retry)
                    .onExceptionOccurred(jobs::attemptFailed)
                    .handled(true)
                    .process(jobs::failed)
                    .to("direct:job-result")
                .end();
        delivery.onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::unexpected)
                    .to("direct:job-result")
                .end();
        // deliver-job: whatever goes wrong while a record is mapped ends that job alone (unexpected() also
        // pauses intake when the outcome could not be written down)
        routeConfiguration("job")
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::unexpected)
                    .to("direct:job-result")
                .end();
    }
}
