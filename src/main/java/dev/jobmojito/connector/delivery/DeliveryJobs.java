package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.ResultPublisher;
import dev.jobmojito.connector.sync.SyncDelivery;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncOutcome;
import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import org.springframework.dao.DataAccessException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one job, for the {@code deliver-job} route: map and validate the record, sync it with
 * JobMojito, and report the outcome whatever it is. A job never fails its file: every way it can end becomes
 * exactly one result.
 */
public final class DeliveryJobs {

    /** Exchange property: the {@link MappedJob} of the record, when it is to be sent. */
    public static final String MAPPED = "connectorMapped";
    /** Exchange property: the {@link SyncOutcome} once JobMojito gave a final answer. */
    public static final String OUTCOME = "connectorOutcome";
    /** Exchange property: how many times the job was attempted. */
    public static final String ATTEMPTS = "connectorAttempts";
    /** Exchange property: the failed attempts so far, {@code {at, error, http_status}} each. */
    public static final String HISTORY = "connectorAttemptHistory";
    /** Exchange property: the dead letter a replayed job came from. */
    public static final String DEAD_LETTER = "connectorDeadLetter";
    /** Exchange property: the mapping name, for jobs that come without their mapping (replays). */
    public static final String MAPPING_NAME = "connectorMappingName";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJobs.class);

    private final SyncDelivery sync;
    private final ResultPublisher results;
    private final IntakeGate gate;
    private final DeadLetters deadLetters;
    private final Duration retryAfterCap;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final StateGuard state;

    public DeliveryJobs(SyncDelivery sync, ResultPublisher results, IntakeGate gate, DeadLetters deadLetters,
                        Duration retryAfterCap, ConnectorMetrics metrics, Clock clock, StateGuard state) {
        this.state = state;
        this.sync = sync;
        this.results = results;
        this.gate = gate;
        this.deadLetters = deadLetters;
        this.retryAfterCap = retryAfterCap;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Maps the record; a job that is skipped, unreadable or invalid is reported here and goes no further. */
    public void map(Exchange exchange) {
        JobInput input = exchange.getIn().getBody(JobInput.class);
        exchange.setProperty(JobInput.class.getName(), input);
        if (gate.paused()) {
            // intake closed meanwhile (token refused, stopping): this job is left for the next run with its file
            if (input.batchTally() != null) {
                input.batchTally().jobLeft();
            }
            return;
        }
        state.check();
        if (input.record().problem() != null) {
            publish(exchange, JobStatus.REJECTED, null, null, List.of(input.record().problem()), null, null, null);
            return;
        }
        MappedJob job = input.mapping().map(input.record().node(), input.record().document(), input.record().index());
        if (!job.skipped()) {
            // still in the ATS, whatever happens to it next: a complete poll must not take it for one that left
            sync.seen(input.ledgerSource(), job.code());
        }
        if (job.skipped()) {
            publish(exchange, JobStatus.SKIPPED, job.code(), job.name(), List.of(job.skipReason()), null, null, null);
        } else if (!job.valid()) {
            publish(exchange, JobStatus.REJECTED, job.code(), job.name(),
                    job.problems().stream().map(Problem::toString).toList(), null, null, null);
        } else {
            exchange.setProperty(MAPPED, job);
        }
    }

    /** Syncs the job with JobMojito; called again by the route's redelivery when a call may pass on retry. */
    public void send(Exchange exchange) {
        exchange.setProperty(ATTEMPTS, exchange.getProperty(ATTEMPTS, 0, Integer.class) + 1);
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        exchange.setProperty(OUTCOME, sync.deliver(input.ledgerSource(), job));
    }

    /**
     * A try failed: remembered for the dead letter, and when JobMojito said how long to wait
     * ({@code Retry-After}), the next try waits that long (capped) instead of the back-off.
     */
    public void attemptFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        ObjectNode attempt = Json.object();
        attempt.put("at", clock.instant().toString());
        attempt.put("error", describe(cause));
        Long retryAfter = null;
        if (cause instanceof RetryableCallException retryable) {
            if (retryable.httpStatus() != null) {
                attempt.put("http_status", retryable.httpStatus());
            }
            retryAfter = retryable.retryAfterMillis();
        }
        @SuppressWarnings("unchecked")
        List<ObjectNode> history = exchange.getProperty(HISTORY, List.class);
        if (history == null) {
            history = new ArrayList<>();
            exchange.setProperty(HISTORY, history);
        }
        history.add(attempt);
        metrics.retry();
        if (retryAfter != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(retryAfter, retryAfterCap.toMillis()));
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** JobMojito gave a final answer, or none was needed (unchanged). */
    public void answered(Exchange exchange) {
        SyncOutcome outcome = exchange.getProperty(OUTCOME, SyncOutcome.class);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        List<String> errors = new ArrayList<>();
        if (outcome.apiError() != null) {
            String field = outcome.apiError().path("name").asText(null);
            errors.add("JobMojito refused the request (" + outcome.httpStatus() + "): "
                    + outcome.apiError().path("error").asText() + (field == null ? "" : " [field " + field + "]"));
        }
        boolean done = outcome.status() == JobStatus.CREATED || outcome.status() == JobStatus.UPDATED;
        if (outcome.note() != null && !done) {
            errors.add(outcome.note());
        }
        publish(exchange, outcome.status(), job.code(), job.name(), errors, outcome.interviewId(), outcome.apiError(),
                outcome.httpStatus(), done ? outcome.note() : null);
        Path letter = exchange.getProperty(DEAD_LETTER, Path.class);
        if (letter != null) {
            // a replayed dead letter has its final answer now (even a rejection): it leaves the folder
            deadLetters.remove(letter);
        }
    }

    /** Retries are used up: the job failed and says why. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        Integer status = cause instanceof RetryableCallException retryable ? retryable.httpStatus() : null;
        String reason = cause instanceof RetryableCallException ? cause.getMessage()
                : "no answer from JobMojito: " + describe(cause);
        int attempts = exchange.getProperty(ATTEMPTS, 0, Integer.class);
        Path letter = park(exchange, job, reason, status);
        publish(exchange, JobStatus.FAILED, job.code(), job.name(),
                List.of("gave up after " + attempts + " attempts; last: " + reason + "; parked as "
                        + letter.getFileName() + " (java -jar jobmojito-connector.jar replay)"), null, null, status);
    }

    private Path park(Exchange exchange, MappedJob job, String reason, Integer status) {
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        ObjectNode letter = Json.object();
        letter.put("parked_at", clock.instant().toString());
        letter.put("ledger_source", input.ledgerSource());
        letter.put("mapping", mappingName(exchange, input));
        letter.put("code", job.code());
        letter.put("name", job.name());
        ObjectNode source = letter.putObject("source");
        source.put("route", input.source().route());
        source.put("file", input.source().file());
        if (input.source().record() != null) {
            source.put("record", input.source().record());
        }
        if (input.source().line() != null) {
            source.put("line", input.source().line());
        }
        letter.put("last_error", reason);
        if (status != null) {
            letter.put("http_status", status);
        }
        ArrayNode attempts = letter.putArray("attempts");
        @SuppressWarnings("unchecked")
        List<ObjectNode> history = exchange.getProperty(HISTORY, List.class);
        if (history != null) {
            history.forEach(attempts::add);
        }
        letter.set("request", job.request());
        return deadLetters.park(letter, exchange.getProperty(DEAD_LETTER, Path.class));
    }

    private static String mappingName(Exchange exchange, JobInput input) {
        return input.mapping() != null ? input.mapping().name() : exchange.getProperty(MAPPING_NAME, String.class);
    }

    /** The token was refused: stop taking work; the job's file stays in its inbox. */
    public void tokenRefused(Exchange exchange) {
        TokenRefusedException cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, TokenRefusedException.class);
        leftUndone(exchange);
        gate.pause(cause.getMessage());
    }

    /**
     * The job's outcome could not be recorded (result line, ledger row): it is not acknowledged. Intake pauses
     * with the reason (readiness DOWN) and the job's file stays in its inbox.
     */
    public void notRecorded(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        leftUndone(exchange);
        gate.pause("the outcome of a job could not be recorded: " + describe(rootOf(cause)));
    }

    private static void leftUndone(Exchange exchange) {
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        if (input != null && input.batchTally() != null) {
            input.batchTally().jobLeft();
        }
    }

    /** True for a failure to write an outcome down (results, outbox, ledger), as opposed to a failed call. */
    public static boolean notRecordable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof OutcomeNotRecordedException || t instanceof DataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootOf(Throwable cause) {
        if (cause instanceof OutcomeNotRecordedException) {
            return cause;
        }
        Throwable root = cause;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** Anything else: a bug or a broken environment. The job is reported failed; the others go on. */
    public void unexpected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (notRecordable(cause)) {
            notRecorded(exchange);
            return;
        }
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        LOG.error("Unexpected error handling {}", input == null ? "a job" : input.source(), cause);
        MappedJob job = exchange.getProperty(MAPPED, MappedJob.class);
        publish(exchange, JobStatus.FAILED, job == null ? null : job.code(), job == null ? null : job.name(),
                List.of("unexpected error: " + describe(cause)), null, null, null);
    }

    private void publish(Exchange exchange, JobStatus status, String code, String name, List<String> errors,
                         String interviewId, JsonNode apiError, Integer httpStatus) {
        publish(exchange, status, code, name, errors, interviewId, apiError, httpStatus, null);
    }

    private void publish(Exchange exchange, JobStatus status, String code, String name, List<String> errors,
                         String interviewId, JsonNode apiError, Integer httpStatus, String note) {
        JobInput input = exchange.getProperty(JobInput.class.getName(), JobInput.class);
        JobResult result = new JobResult(status, code, name, interviewId, errors, input.source(),
                mappingName(exchange, input), apiError, httpStatus, exchange.getProperty(ATTEMPTS, 0, Integer.class),
                clock.instant(), note);
        results.publish(result, exchange.getProperty(ResultPublisher.SINKS, String.class));
        if (input.batchTally() != null) {
            input.batchTally().accept(result);
        }
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown";
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
