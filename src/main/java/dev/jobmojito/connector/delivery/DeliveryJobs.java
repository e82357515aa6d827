package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.jobmojito.RetryableCallException;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.sync.SyncDelivery;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncOutcome;
import dev.jobmojito.connector.results.OutcomeNotRecordedException;
import org.springframework.dao.DataAccessException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one job, for the {@code deliver-job} and {@code send-job} routes and their rules: map and
 * validate the record, sync it with JobMojito, and decide its result whatever happens ({@link Job#result()}),
 * which the route then hands to the result sinks ({@code direct:job-result}). A job never fails its file: every
 * way it can end becomes exactly one result, or none when it is left for the next run with its file.
 */
public final class DeliveryJobs {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryJobs.class);

    private final SyncDelivery sync;
    private final IntakeGate gate;
    private final DeadLetters deadLetters;
    private final Duration retryAfterCap;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final StateGuard state;

    public DeliveryJobs(SyncDelivery sync, IntakeGate gate, DeadLetters deadLetters,
                        Duration retryAfterCap, ConnectorMetrics metrics, Clock clock, StateGuard state) {
        this.state = state;
        this.sync = sync;
        this.gate = gate;
        this.deadLetters = deadLetters;
        this.retryAfterCap = retryAfterCap;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Maps the record of the exchange's body ({@link JobInput}) and replaces the body with its {@link Job}. A job
     * that is skipped, unreadable or invalid, or whose request is the one sent last for an open interview
     * ({@link SyncDelivery#unchanged}), is reported here and is not {@link Job#sendable() sendable}; one read
     * after intake closed (stopping, token refused) is left unstarted for the next run with its file.
     *
     * @throws OutcomeNotRecordedException when the state the outcome would go to has gone
     */
    public void map(Exchange exchange) {
        JobInput input = exchange.getIn().getBody(JobInput.class);
        Job job = new Job(input, input.mapping() == null ? null : input.mapping().name(), null);
        exchange.getIn().setBody(job);
        if (gate.paused()) {
            if (input.batchTally() != null) {
                input.batchTally().jobLeft();
            }
            return;
        }
        state.check();
        if (input.record().problem() != null) {
            decide(job, JobStatus.REJECTED, null, null, List.of(input.record().problem()), null, null,
                    null, null);
            return;
        }
        MappedJob mapped = input.mapping().map(input.record().node(), input.record().document(),
                input.record().index());
        if (mapped.skipped()) {
            decide(job, JobStatus.SKIPPED, mapped.code(), mapped.name(), List.of(mapped.skipReason()),
                    null, null, null, null);
            return;
        }
        // still in the ATS, whatever happens to it next: a complete poll must not take it for one that left
        input.hold(mapped.code());
        if (!mapped.valid()) {
            decide(job, JobStatus.REJECTED, mapped.code(), mapped.name(),
                    mapped.problems().stream().map(Problem::toString).toList(), null, null, null, null);
        } else {
            // the common case of a re-sync: nothing to send, decided here rather than in the conversation
            // the record's fingerprint is noted with an unchanged posting: the next re-sync needs no mapping
            var unchanged = sync.unchanged(input.ledgerSource(), mapped,
                    input.mapping().fingerprint(input.record().node()));
            if (unchanged.isPresent()) {
                decide(job, JobStatus.SKIPPED, mapped.code(), mapped.name(), List.of(unchanged.get().note()),
                        unchanged.get().interviewId(), null, null, null);
            } else {
                job.toSend(mapped);
            }
        }
    }

    /**
     * Starts (or, on the route's redelivery, starts again from what the ledger says) the job's sync with JobMojito:
     * the job's {@link Job#sync() conversation} then holds its first call, or its outcome.
     *
     * @param job the job, {@link Job#sendable() sendable}
     * @return the same job
     */
    public Job start(Job job) {
        job.attempt();
        job.syncing(sync.start(job.input().ledgerSource(), job.mapped()));
        return job;
    }

    /**
     * JobMojito's answer to the job's call: the conversation records it and moves to its next call or outcome.
     *
     * @return the same job
     * @throws RetryableCallException when the answer is worth another try of the whole sync
     * @throws TokenRefusedException  when the token was refused
     */
    public Job answer(Job job, HttpAnswer answer) {
        sync.answered(job.sync(), answer);
        return job;
    }

    /**
     * The conversation ended, with its outcome or with the failure the route is handling
     * ({@link Exchange#EXCEPTION_CAUGHT}): the posting's claim is released (see {@link SyncDelivery#end}).
     */
    public void end(Exchange exchange) {
        Job job = exchange.getIn().getBody(Job.class);
        if (job != null) {
            sync.end(job.sync(), exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
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
        exchange.getIn().getBody(Job.class).failedAttempts().add(attempt);
        metrics.retry();
        if (retryAfter != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(retryAfter, retryAfterCap.toMillis()));
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /** JobMojito gave a final answer, or none was needed (unchanged): the job's result. */
    public void answered(Exchange exchange) {
        Job job = exchange.getIn().getBody(Job.class);
        SyncOutcome outcome = job.outcome();
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
        decide(job, outcome.status(), job.mapped().code(), job.mapped().name(), errors,
                outcome.interviewId(), outcome.apiError(), outcome.httpStatus(), done ? outcome.note() : null);
    }

    /** Retries are used up: the job failed and says why, and its request is parked as a dead letter. */
    public void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Job job = exchange.getIn().getBody(Job.class);
        Integer status = cause instanceof RetryableCallException retryable ? retryable.httpStatus() : null;
        String reason = cause instanceof RetryableCallException ? cause.getMessage()
                : "no answer from JobMojito: " + describe(cause);
        String letter = park(job, reason, status);
        decide(job, JobStatus.FAILED, job.mapped().code(), job.mapped().name(),
                List.of("gave up after " + job.attempts() + " attempts; last: " + reason + "; parked as "
                        + letter + " (java -jar jobmojito-connector.jar replay)"), null, null, status,
                null);
    }

    private String park(Job job, String reason, Integer status) {
        JobInput input = job.input();
        ObjectNode letter = Json.object();
        letter.put("parked_at", clock.instant().toString());
        letter.put("ledger_source", input.ledgerSource());
        letter.put("mapping", job.mappingName());
        letter.put("code", job.mapped().code());
        letter.put("name", job.mapped().name());
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
        job.failedAttempts().forEach(attempts::add);
        letter.set("request", job.mapped().request());
        return deadLetters.park(letter, job.deadLetter());
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
        Job job = exchange.getIn().getBody(Job.class);
        if (job != null) {
            // a result decided but not written down stays unreported: the job is done again with its file
            job.conclude(null);
            if (job.input().batchTally() != null) {
                job.input().batchTally().jobLeft();
            }
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
        Job job = exchange.getIn().getBody(Job.class);
        if (job == null) {
            // failed before the record became a job
            JobInput input = exchange.getIn().getBody(JobInput.class);
            job = new Job(input, input.mapping() == null ? null : input.mapping().name(), null);
            exchange.getIn().setBody(job);
        }
        LOG.error("Unexpected error handling {}", job.input().source(), cause);
        MappedJob mapped = job.mapped();
        decide(job, JobStatus.FAILED, mapped == null ? null : mapped.code(),
                mapped == null ? null : mapped.name(), List.of("unexpected error: " + describe(cause)), null, null,
                null, null);
    }

    private void decide(Job job, JobStatus status, String code, String name, List<String> errors,
                         String interviewId, JsonNode apiError, Integer httpStatus, String note) {
        job.conclude(new JobResult(status, code, name, interviewId, errors, job.input().source(), job.mappingName(),
                apiError, httpStatus, job.attempts(), clock.instant(), note));
    }

    /**
     * The job's result reached the result sinks ({@code job-result} route, body: the {@link Job}): it counts for
     * its file, whose move to {@code .done/} waits for every job's result.
     */
    public void recorded(Job job) {
        if (job.input().batchTally() != null) {
            job.input().batchTally().accept(job.result());
        }
        if (job.deadLetter() != null && job.result().status() != JobStatus.FAILED) {
            // a replayed dead letter has its final answer now (even a rejection): it leaves the table
            deadLetters.remove(job.deadLetter());
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
