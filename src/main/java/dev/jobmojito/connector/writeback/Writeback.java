package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one write-back ({@link WritebackJob}), called by the routes of {@link WritebackRoutes}: what the
 * result mapping makes of a result ({@link #start}), which call to make next given the write ledger
 * ({@link #attempt}) and each answer ({@link #answer}), what a failed try means ({@link #attemptFailed},
 * {@link #failed}) and the result line ({@link #result}). It sends nothing.
 *
 * <p>The rule for a note whose answer was lost (the ATS took the request and the connection broke, or the
 * connector died meanwhile): its ledger row stays {@code in_flight}. The next try (or the next delivery of the same
 * result version, after a restart) asks the ATS when it can ({@code lookUpPath}: Lever lists an opportunity's
 * notes; the note's text carries the marker {@code [jobmojito-result:<id>:<version>]}) and writes only when the
 * marker is not there. Where the ATS cannot be asked (Workable, Greenhouse, a template target without
 * {@code lookUpPath}) the write is parked as a dead letter for a person, never sent a second time on a guess.
 * The local stand-in writes files named by result and version, so it simply writes again.
 *
 * <p>An answer that proves the note was not taken (429, 408, 5xx, 401) makes the row {@code pending} again, so the
 * next try sends it. A 5xx is taken as not written: an ATS that failed while storing a note answers an error, one
 * that stored it answers 2xx.
 */
public final class Writeback {

    private static final Logger LOG = LoggerFactory.getLogger(Writeback.class);
    /** Payload members holding the candidate's personal data, never kept in a dead letter. */
    private static final List<String> PERSONAL = List.of("candidate_name", "candidate_email",
            "candidate_phone_number", "candidate_phone", "interview_url", "candidate_first_name",
            "candidate_last_name");
    private static final int MAX_LOOK_UP_PAGES = 20;

    private final ResultMappings mappings;
    private final WritebackLedger ledger;
    private final WritebackLetters letters;
    private final String defaultTarget;
    private final Duration retryAfterCap;
    private final Clock clock;
    /** Writes under way in this process, by ledger key: a second delivery of the same version waits its turn. */
    private final Set<WritebackLedger.Key> busy = ConcurrentHashMap.newKeySet();

    public Writeback(ResultMappings mappings, WritebackLedger ledger, WritebackLetters letters, String defaultTarget,
                     Duration retryAfterCap, Clock clock) {
        this.mappings = mappings;
        this.ledger = ledger;
        this.letters = letters;
        this.defaultTarget = defaultTarget;
        this.retryAfterCap = retryAfterCap;
        this.clock = clock;
    }

    // ---- interview links (issue 15) -------------------------------------------------------------------------

    /** The event of an invitation's interview link written as a note ({@code invitationlinks}). */
    public static final String LINK_EVENT = "interview_link";
    /** The link mappings ({@code mappings/links/}), set by the invitation links' configuration when it is on. */
    private volatile ResultMappings linkMappings;

    /** The note of an {@link #LINK_EVENT} is made by these mappings instead of the result mappings. */
    public void useLinkMappings(ResultMappings links) {
        this.linkMappings = links;
    }

    private ResultMappings mappingsOf(InterviewResult result) {
        ResultMappings links = linkMappings;
        return links != null && LINK_EVENT.equals(result.event()) ? links : mappings;
    }

    /** The target used when the result's source has no configured target of its own. */
    public String defaultTarget() {
        return defaultTarget;
    }

    // ---- start ----------------------------------------------------------------------------------------------

    /**
     * A result to write: what its result mapping makes of it, and the target: {@code writeback-<source>} when such
     * a route runs, else the default target.
     *
     * @param result  a matched result (body of {@code direct:ats-writeback})
     * @param letter  the dead letter it is replayed from, or null
     */
    public WritebackJob start(InterviewResult result, String letter, CamelContext camel) {
        ResultMappings.Rendered rendered = result.matched() ? mappingsOf(result).render(result) : null;
        WritebackJob job = new WritebackJob(result, rendered, letter);
        String source = result.source();
        job.setTarget(source != null && running(camel, "writeback-" + source) ? source : defaultTarget);
        if (!running(camel, "writeback-" + job.getTarget())) {
            decide(job, JobStatus.REJECTED, List.of("no write-back target runs for source " + source
                    + " nor the default target " + defaultTarget + " (a routes/writeback-<target>.camel.yaml made"
                    + " from the ats-writeback template)"), null);
        } else if (!result.matched()) {
            decide(job, JobStatus.REJECTED, List.of("the result names no ATS application (no external_id"
                    + " <source>:<application id>): nothing to write to"), null);
        } else if (rendered == null) {
            decide(job, JobStatus.REJECTED, List.of("no result mapping for source " + source + " and no "
                    + ResultMappings.DEFAULT + ".yaml in " + mappings.folder()), null);
        } else if (rendered.skipped() != null) {
            decide(job, JobStatus.SKIPPED, List.of(rendered.skipped()), null);
        }
        return job;
    }

    /**
     * The target's route found it not configured: the default target takes the job (or, when the default itself
     * is not configured or has no route, the job is rejected with the reason).
     */
    public void fallBack(WritebackJob job, CamelContext camel) {
        if (job.getWriter() == null && !job.isDecided()) {
            if (job.getTarget().equals(defaultTarget) || !running(camel, "writeback-" + defaultTarget)) {
                decide(job, JobStatus.REJECTED, List.of("the write-back target " + job.getTarget()
                        + " is not configured (and the default target " + defaultTarget + " cannot take it)"), null);
            } else {
                job.warnings().add("target " + job.getTarget() + " is not configured: written to " + defaultTarget);
                job.setTarget(defaultTarget);
            }
        }
    }

    private static boolean running(CamelContext camel, String routeId) {
        if (camel == null || camel.getRoute(routeId) == null) {
            return false;
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(routeId);
        return status == null || status.isStarted();
    }

    /**
     * Takes the job's ledger key for this process; a second delivery of the same version under way is answered
     * {@code skipped} (the first one writes it).
     *
     * @return false when another delivery of the same key is under way
     */
    public boolean claim(WritebackJob job) {
        InterviewResult result = job.getInterviewResult();
        job.key(new WritebackLedger.Key(job.getTarget(), result.applicationId(), result.resultId(),
                result.version()));
        if (!busy.add(job.key())) {
            decide(job, JobStatus.SKIPPED, List.of("the same result version is being written by another delivery"),
                    null);
            job.key(null);
            return false;
        }
        return true;
    }

    /** The job is over (written, decided or failed): its key is free for the next delivery. */
    public void release(WritebackJob job) {
        if (job.key() != null) {
            busy.remove(job.key());
        }
    }

    // ---- the conversation -----------------------------------------------------------------------------------

    /** The start of a try: what the ledger says decides the first call (or the outcome). */
    public void attempt(WritebackJob job) {
        AtsWriter writer = job.getWriter();
        WritebackLedger.Row row = ledger.claim(job.key());
        job.tokenRefreshed(false);
        switch (row.status()) {
            case DONE -> {
                decide(job, JobStatus.SKIPPED, List.of("already written to " + job.getTarget()
                        + (row.reference() == null ? "" : " (note " + row.reference() + ")")), null);
                return;
            }
            case PARKED -> {
                if (job.getLetter() == null) {
                    decide(job, JobStatus.SKIPPED, List.of("parked as a dead letter, waiting for a person (check "
                            + job.getTarget() + " for the note, then replay or delete the letter)"), null);
                    return;
                }
                job.step(WritebackJob.Step.NOTE);
            }
            case IN_FLIGHT -> {
                if (writer.writesFiles()) {
                    job.step(WritebackJob.Step.NOTE);
                } else if (writer.canLookUp()) {
                    job.step(WritebackJob.Step.LOOK_UP);
                    job.lookUpUrl(null);
                } else {
                    job.park("a note was sent to " + job.getTarget() + " and its answer was lost; "
                            + job.getTarget() + " cannot be asked whether it took it, so it is not sent again on a"
                            + " guess: look for the marker " + marker(job) + " on application "
                            + job.getInterviewResult().applicationId() + ", then replay the letter (sends it) or"
                            + " delete it");
                    return;
                }
            }
            default -> job.step(WritebackJob.Step.NOTE);
        }
        job.setCall(next(job));
    }

    /** The call the job's step asks for, fetching a token first when the target's is missing or expired. */
    private WriteCall next(WritebackJob job) {
        AtsWriter writer = job.getWriter();
        WritebackJob.Step step = job.step();
        if (step == WritebackJob.Step.DONE) {
            decideWritten(job);
            return null;
        }
        if (writer.needsToken()) {
            job.afterToken(step);
            return writer.tokenCall();
        }
        return switch (step) {
            case LOOK_UP -> {
                job.lookUpPage();
                yield job.lookUpUrl() == null ? writer.lookUpCall(job.getInterviewResult().applicationId())
                        : writer.lookUpCallAt(job.lookUpUrl());
            }
            case NOTE -> {
                // committed before the call: from now on the ATS may have the note
                ledger.sending(job.key());
                job.noteSent(true);
                yield writer.noteCall(job, noteText(job));
            }
            case ATTACHMENT -> {
                WriteCall attachment = writer.attachmentCall(job, noteText(job));
                if (attachment == null) {
                    job.step(WritebackJob.Step.DONE);
                    decideWritten(job);
                }
                yield attachment;
            }
            default -> null;
        };
    }

    /**
     * The answer to the job's call: the next call, or the outcome.
     *
     * @throws RetryableWriteException when the ATS asks to try again (429, 408, 5xx)
     * @throws IllegalStateException   when the token endpoint refused the credentials
     */
    public void answer(WritebackJob job, HttpAnswer answer) {
        WriteCall call = job.getCall();
        AtsWriter writer = job.getWriter();
        job.countSent();
        job.httpStatus(answer.status());
        Long retryAfter = retryAfterMillis(answer.retryAfter());
        boolean retry = answer.status() == 429 || answer.status() == 408 || answer.status() >= 500;
        switch (call.purpose()) {
            case TOKEN -> {
                writer.tokenAnswered(answer, retryAfter);
                job.step(job.afterToken());
            }
            case LOOK_UP -> {
                if (answer.status() == 401 && writer.usesOAuth() && !job.tokenRefreshed()) {
                    refreshToken(job);
                } else if (retry) {
                    throw new RetryableWriteException(job.getTarget() + " answered " + answer.status()
                            + " to the look-up of its notes", answer.status(), retryAfter, false);
                } else if (!answer.ok()) {
                    job.park("a note sent to " + job.getTarget() + " lost its answer, and the look-up of the"
                            + " application's notes was refused (" + answer.status() + "): look for the marker "
                            + marker(job) + " by hand, then replay or delete the letter");
                    return;
                } else if (writer.holds(answer, marker(job))) {
                    ledger.done(job.key(), null);
                    job.foundAfterLoss(true);
                    job.step(WritebackJob.Step.DONE);
                } else {
                    String more = writer.nextLookUp(call.url(), answer);
                    if (more != null && job.lookUpPages() < MAX_LOOK_UP_PAGES) {
                        job.lookUpUrl(more);
                    } else {
                        // not there: the lost note never arrived
                        job.step(WritebackJob.Step.NOTE);
                    }
                }
            }
            case NOTE, FILE -> {
                if (answer.ok()) {
                    String reference = call.purpose() == WriteCall.Purpose.FILE ? call.file().getFileName().toString()
                            : writer.reference(answer);
                    job.reference(reference);
                    ledger.done(job.key(), reference);
                    job.step(WritebackJob.Step.ATTACHMENT);
                } else if (answer.status() == 401 && writer.usesOAuth() && !job.tokenRefreshed()) {
                    ledger.notTaken(job.key());
                    refreshToken(job);
                } else if (retry) {
                    ledger.notTaken(job.key());
                    throw new RetryableWriteException(job.getTarget() + " answered " + answer.status()
                            + " to the note", answer.status(), retryAfter, false);
                } else {
                    ledger.notTaken(job.key());
                    decide(job, JobStatus.REJECTED, List.of(job.getTarget() + " refused the note ("
                            + answer.status() + "): " + excerpt(answer.body())), null);
                    job.setCall(null);
                    return;
                }
            }
            case ATTACHMENT -> {
                if (!answer.ok()) {
                    job.warnings().add("the attachment was not written (" + job.getTarget() + " answered "
                            + answer.status() + "); the note has the report's link");
                }
                job.step(WritebackJob.Step.DONE);
            }
            default -> {
            }
        }
        job.setCall(next(job));
    }

    private static void refreshToken(WritebackJob job) {
        job.getWriter().forgetToken();
        job.tokenRefreshed(true);
    }

    /**
     * The call got no answer. A note whose request may have gone out stays {@code in_flight} in the ledger; one that
     * surely did not (connection refused) is {@code pending} again.
     *
     * @throws RetryableWriteException always
     */
    public void noAnswer(WritebackJob job, Exception failure) {
        WriteCall call = job.getCall();
        boolean notSent = failure instanceof ConnectException
                || failure.getCause() instanceof ConnectException
                || String.valueOf(failure.getMessage()).contains("Connection refused");
        boolean note = call != null && (call.purpose() == WriteCall.Purpose.NOTE
                || call.purpose() == WriteCall.Purpose.FILE);
        if (note && notSent) {
            ledger.notTaken(job.key());
        }
        job.countSent();
        throw new RetryableWriteException("no answer from " + job.getTarget() + " to " + (call == null ? "a call"
                : call.purpose().name().toLowerCase(java.util.Locale.ROOT)) + " (" + failure.getClass().getSimpleName()
                + ")", null, null, note && !notSent);
    }

    // ---- failures -------------------------------------------------------------------------------------------

    /** A try failed in a way that may pass: recorded, and the ATS's {@code Retry-After} obeyed (capped). */
    public void attemptFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        WritebackJob job = exchange.getIn().getBody(WritebackJob.class);
        ObjectNode attempt = Json.object();
        attempt.put("at", clock.instant().toString());
        attempt.put("error", SecretRegistry.mask(String.valueOf(cause.getMessage())));
        Long retryAfter = null;
        if (cause instanceof RetryableWriteException retryable) {
            if (retryable.httpStatus() != null) {
                attempt.put("http_status", retryable.httpStatus());
            }
            if (retryable.lost()) {
                attempt.put("answer_lost", true);
            }
            retryAfter = retryable.retryAfterMillis();
        }
        job.failedAttempts().add(attempt);
        job.setCall(null);
        if (retryAfter != null) {
            exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, Math.min(retryAfter, retryAfterCap.toMillis()));
        } else {
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
        }
    }

    /**
     * The write failed for good (tries used up, credentials refused, the answer lost where the ATS cannot be asked):
     * parked as a dead letter of kind {@code writeback}, and the result {@code failed}.
     */
    public void failed(WritebackJob job, Exception cause) {
        String reason = job.getParkReason() != null ? job.getParkReason()
                : SecretRegistry.mask(String.valueOf(cause == null ? "failed" : cause.getMessage()));
        ObjectNode letter = letter(job, reason);
        String name;
        try {
            name = letters.park(letter, job.getLetter());
            if (job.key() != null) {
                ledger.parked(job.key());
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot park the write-back of {} as a dead letter: {}", job.getInterviewResult(),
                    SecretRegistry.mask(String.valueOf(e.getMessage())));
            decide(job, JobStatus.FAILED, List.of(reason, "and it could not be parked: " + e.getMessage()), null);
            return;
        }
        LOG.warn("Write-back of {} to {} parked as {}: {}", job.getInterviewResult(), job.getTarget(), name, reason);
        decide(job, JobStatus.FAILED, List.of(reason), "parked as " + name
                + " (java -jar jobmojito-connector.jar replay)");
    }

    /** The dead letter of a job: enough to write it again, without personal data. */
    private ObjectNode letter(WritebackJob job, String reason) {
        InterviewResult result = job.getInterviewResult();
        ObjectNode letter = Json.object();
        letter.put("kind", WritebackLetters.KIND);
        letter.put("target", job.getTarget());
        letter.put("reason", reason);
        letter.put("answer_may_be_lost", job.getParkReason() != null || job.failedAttempts().stream()
                .anyMatch(a -> a.path("answer_lost").asBoolean(false)));
        ObjectNode ids = letter.putObject("result");
        ids.put("result_id", result.resultId());
        ids.put("version", result.version());
        ids.put("event", result.event());
        ids.put("interview_id", result.interviewId());
        ids.put("posting_key", result.postingKey());
        ids.put("source", result.source());
        ids.put("application_id", result.applicationId());
        ObjectNode payload = result.payload() == null ? Json.object() : result.payload().deepCopy();
        PERSONAL.forEach(payload::remove);
        letter.set("payload", payload);
        letter.set("attempts", Json.NODES.arrayNode().addAll(job.failedAttempts()));
        return letter;
    }

    /** The result a replayed letter stands for. */
    public static InterviewResult fromLetter(JsonNode letter) {
        JsonNode ids = letter.path("result");
        return new InterviewResult(ids.path("result_id").asText(null), ids.path("version").asText(null),
                ids.path("event").asText(null), ids.path("interview_id").asText(null),
                ids.path("posting_key").asText(null), ids.path("source").asText(null),
                ids.path("application_id").asText(null), letter.path("payload").isObject()
                ? (ObjectNode) letter.path("payload").deepCopy() : Json.object());
    }

    /** A person replays a letter: the ledger row of its write is pending again (they checked the ATS). */
    public void releaseForReplay(JsonNode letter) {
        InterviewResult result = fromLetter(letter);
        ledger.release(new WritebackLedger.Key(letter.path("target").asText(), result.applicationId(),
                result.resultId(), result.version()));
    }

    // ---- outcome --------------------------------------------------------------------------------------------

    /** The job's result line (body out of {@code direct:ats-writeback}). */
    public JobResult result(WritebackJob job) {
        if (job.getResult() == null) {
            decide(job, JobStatus.FAILED, List.of("the write-back ended without an outcome"), null);
        }
        if (job.getLetter() != null && (job.getResult().status() == JobStatus.WRITTEN
                || job.getResult().status() == JobStatus.SKIPPED || job.getResult().status() == JobStatus.REJECTED)) {
            letters.remove(job.getLetter());
        }
        return job.getResult();
    }

    private void decideWritten(WritebackJob job) {
        String note = job.foundAfterLoss() ? "the note sent earlier was found in " + job.getTarget()
                + " (its answer had been lost): not sent again" : null;
        List<String> warnings = new ArrayList<>(job.warnings());
        if (!warnings.isEmpty()) {
            note = (note == null ? "" : note + "; ") + String.join("; ", warnings);
        }
        decide(job, JobStatus.WRITTEN, List.of(), note);
    }

    private void decide(WritebackJob job, JobStatus status, List<String> errors, String note) {
        InterviewResult result = job.getInterviewResult();
        ObjectNode detail = Json.object();
        detail.put("result_id", result.resultId());
        detail.put("version", result.version());
        detail.put("application", result.source() == null ? result.applicationId()
                : result.source() + ":" + result.applicationId());
        detail.put("target", job.getTarget());
        if (job.reference() != null) {
            detail.put("ats_reference", job.reference());
        }
        if (result.event() != null) {
            detail.put("event", result.event());
        }
        List<String> all = new ArrayList<>(errors);
        if (status != JobStatus.WRITTEN && !job.warnings().isEmpty()) {
            all.addAll(job.warnings());
        }
        job.setResult(new JobResult(status, result.resultId(), null, result.interviewId(), all,
                new JobSource("ats-writeback", job.getTarget(), null, null),
                job.getRendered() == null ? null : "results/" + job.getRendered().mapping(), null, job.httpStatus(),
                job.sent(), clock.instant(), note, detail));
        job.setCall(null);
    }

    /** The note as sent: the mapping's text and the marker line that identifies the result version. */
    static String noteText(WritebackJob job) {
        return job.getRendered().note().stripTrailing() + "\n\n" + marker(job);
    }

    /**
     * What identifies a result version in a note: {@code [jobmojito-result:<id>:<version>]}, bracketed so that
     * version v1 is never found inside v10.
     */
    static String marker(WritebackJob job) {
        return "[jobmojito-result:" + job.getInterviewResult().resultId() + ":" + job.getInterviewResult().version()
                + "]";
    }

    private static String excerpt(String body) {
        if (body == null) {
            return "";
        }
        String text = SecretRegistry.mask(body.strip());
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** {@code Retry-After} in ms ({@link dev.jobmojito.connector.common.RetryAfter}); null when absent or unreadable. */
    Long retryAfterMillis(String header) {
        return dev.jobmojito.connector.common.RetryAfter.millis(header, clock.instant());
    }
}
