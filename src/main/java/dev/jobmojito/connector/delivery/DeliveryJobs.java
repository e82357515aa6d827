package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.jobmojito.CallOutcome;
import dev.jobmojito.connector.jobmojito.JobMojitoCalls;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.ResultPublisher;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one job, for the {@code deliver-job} route: map and validate the record, and report the outcome
 * whatever it is. A job never fails its file: every way it can end becomes exactly one result.
 */
public final class DeliveryJobs {

    /** Exchange property: the {@link MappedJob} of the record. */
    public static final String MAPPED = "connectorMapped";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJobs.class);

    private final ResultPublisher results;
    private final IntakeGate gate;
    private final Clock clock;

    public DeliveryJobs(ResultPublisher results, IntakeGate gate, Clock clock) {
        this.results = results;
        this.gate = gate;
        this.clock = clock;
    }

    /** Maps the record; a job that is skipped, unreadable or invalid is reported here and goes no further. */
    public void map(Exchange exchange) {
        JobInput input = exchange.getIn().getBody(JobInput.class);
        exchange.setProperty(JobInput.class.getName(), input);
        if (gate.paused()) {
            // the token was refused meanwhile: this job is left for the next run with its file
            return;
        }
        if (input.record().problem() != null) {
            publish(exchange, JobStatus.REJECTED, null, null, List.of(input.record().problem()), null, null);
            return;
        }
        MappedJob job = input.mapping().map(input.record().node(), input.record().document(), input.record().index());
        exchange.setProperty(MAPPED, job);
        if (job.skipped()) {
            publish(exchange, JobStatus.SKIPPED, job.code(), job.name(), List.of(job.skipReason()), null, null);
        } else if (!job.valid()) {
            publish(exchange, JobStatus.REJECTED, job.code(), job.name(),
                    job.problems().stream().map(Problem::toString).toList(), null, null);
        } else {
            exchange.setProperty(JobMojitoCalls.REQUEST, job.request());
        }
    }

    /** JobMojito gave a final answer: created, or rejected with its own error. */
    public void answered(Exchange exchange) {
        CallOutcome outcome = exchange.getProperty(JobMojitoCalls.OUTCOME, CallOutcome.class);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        if (outcome.accepted()) {
            publish(exchange, JobStatus.CREATED, job.code(), job.name(), List.of(), outcome, null);
        } else {
            String error = outcome.apiError().path("error").asText();
            String field = outcome.apiError().path("name").asText(null);
            publish(exchange, JobStatus.REJECTED, job.code(), job.name(),
                    List.of("JobMojito refused the request (" + outcome.httpStatus() + "): " + error
                            + (field == null ? "" : " [field " + field + "]")), outcome, null);
        }
    }

    /** Retries are used up: the job failed and says why. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        Integer status = cause instanceof RetryableCallException retryable ? retryable.httpStatus() : null;
        String reason = cause instanceof RetryableCallException ? cause.getMessage()
                : "no answer from JobMojito: " + describe(cause);
        int attempts = exchange.getProperty(JobMojitoCalls.ATTEMPTS, 0, Integer.class);
        publish(exchange, JobStatus.FAILED, job.code(), job.name(),
                List.of("gave up after " + attempts + " attempts; last: " + reason), null, status);
    }

    /** The token was refused: stop taking work; the job's file stays in its inbox. */
    public void tokenRefused(Exchange exchange) {
        TokenRefusedException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TokenRefusedException.class);
        gate.pause(cause.getMessage());
    }

    /** Anything else: a bug or a broken environment. The job is reported failed; the others go on. */
    public void unexpected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        LOG.error("Unexpected error handling {}", input == null ? "a job" : input.source(), cause);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        publish(exchange, JobStatus.FAILED, job == null ? null : job.code(), job == null ? null : job.name(),
                List.of("unexpected error: " + describe(cause)), null, null);
    }

    private void publish(Exchange exchange, JobStatus status, String code, String name, List<String> errors,
                         CallOutcome outcome, Integer httpStatus) {
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        ObjectNode apiError = outcome == null || outcome.apiError() == null ? null
                : (ObjectNode) outcome.apiError();
        Integer answered = outcome != null ? Integer.valueOf(outcome.httpStatus()) : httpStatus;
        results.publish(new JobResult(status, code, name, outcome == null ? null : outcome.interviewId(), errors,
                input.source(), input.mapping() == null ? null : input.mapping().name(), apiError, answered,
                exchange.getProperty(JobMojitoCalls.ATTEMPTS, 0, Integer.class), clock.instant()));
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
