package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import org.apache.camel.LoggingLevel;
import org.springframework.dao.DataAccessException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * One job from record to result. The message body is the job's {@link Job} from the first step on: its state
 * travels in one typed object, not in exchange properties.
 *
 * <ul>
 *   <li>{@code direct:deliver-job}: maps and validates a record; a valid job goes on to send-job.</li>
 *   <li>{@code direct:send-job}: syncs a job with JobMojito under the {@code delivery} rules below.</li>
 *   <li>{@code direct:replay-job}: a parked dead letter, sent again under the same rules.</li>
 * </ul>
 */
public final class DeliveryRoutes extends RouteBuilder {

    private final DeliveryJobs jobs;

    public DeliveryRoutes(DeliveryJobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void configure() {
        from("direct:deliver-job").routeId("deliver-job")
                .onException(Exception.class)
                    .handled(true)
                    .logExhausted(false)
                    .process(jobs::unexpected)
                .end()
                .process(jobs::map)
                .filter(exchange -> exchange.getIn().getBody(Job.class).sendable())
                    .to("direct:send-job")
                .end();

        from("direct:send-job").routeId("send-job").routeConfigurationId("delivery")
                .process(jobs::send)
                .process(jobs::answered);

        from("direct:replay-job").routeId("replay-job")
                .to("direct:send-job");
    }

    /**
     * What happens when a call to JobMojito fails, decided once for every route that sends jobs. A call that may
     * pass on another try is made again by Camel's redelivery: the wait JobMojito asks for ({@code Retry-After},
     * capped), or exponential back-off with jitter, without holding a thread while waiting. Each try starts
     * from what the ledger says, so a create whose answer was lost is looked for before it is sent again.
     * When the tries are used up the job is reported failed and its request parked as a dead letter.
     */
    public static final class Configuration extends RouteConfigurationBuilder {

        private final DeliveryJobs jobs;
        private final ConnectorProperties.Retry retry;

        public Configuration(DeliveryJobs jobs, ConnectorProperties.Retry retry) {
            this.jobs = jobs;
            this.retry = retry;
        }

        @Override
        public void configuration() {
            routeConfiguration("delivery")
                    .onException(TokenRefusedException.class)
                        .handled(true)
                        .logExhausted(false)
                        .process(jobs::tokenRefused)
                    .end()
                    .onException(OutcomeNotRecordedException.class, DataAccessException.class)
                        .handled(true)
                        .logExhausted(false)
                        .process(jobs::notRecorded)
                    .end()
                    .onException(RetryableCallException.class, JobMojitoClient.CallFailedException.class)
                        .maximumRedeliveries(Math.max(0, retry.maxAttempts() - 1))
                        .redeliveryDelay(retry.initialDelay().toMillis())
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(retry.maxDelay().toMillis())
                        .useCollisionAvoidance()
                        .asyncDelayedRedelivery()
                        .onExceptionOccurred(jobs::attemptFailed)
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
                    .end();
        }
    }
}
