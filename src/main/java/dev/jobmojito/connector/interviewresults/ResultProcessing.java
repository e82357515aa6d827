package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.sync.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code interview-results-process} route, one stored result version at a time: take the next
 * pending one ({@link #claim}), decide what becomes of it ({@link #decide}: an {@link InterviewResult} to write
 * back, or a result line of its own), and end it ({@link #done} once its result line is recorded, or
 * {@link #failed}: it stays pending and is tried again). Makes no call itself.
 */
public final class ResultProcessing {

    private static final Logger LOG = LoggerFactory.getLogger(ResultProcessing.class);
    /** The route named in the result lines of interview results. */
    public static final String ROUTE = "interview-results";
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

    private final ReceivedResults store;
    private final Ledger ledger;
    private final Clock clock;
    private final Duration retryDelay;

    public ResultProcessing(ReceivedResults store, Ledger ledger, Clock clock, Duration retryDelay) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
        this.retryDelay = retryDelay;
    }

    /** The next pending version that is due, held until it is ended; null when there is none. */
    public ReceivedResults.Claim claim() {
        return store.claim().orElse(null);
    }

    /**
     * What becomes of a claimed version:
     * <ul>
     *   <li>an older version than one already processed (by {@link ResultPayload#newerThan}): a {@code skipped}
     *       result line, "older than version X", and no write;</li>
     *   <li>no application named (no {@code candidate_external_id} of the form {@code <source>:<application id>}):
     *       an {@code unmatched} result line with the result's and interview's ids, kept;</li>
     *   <li>otherwise the {@link InterviewResult} for {@code direct:ats-writeback}, its posting found in the ledger by
     *       {@code interview_id} (null when the ledger has none: the application is still known).</li>
     * </ul>
     *
     * @return an {@link InterviewResult} or a {@link JobResult}
     */
    public Object decide(ReceivedResults.Claim claim) {
        ResultPayload result = claim.result();
        Optional<ReceivedResults.Processed> newest = store.newestProcessed(result.resultId());
        if (newest.isPresent() && !ResultPayload.newerThan(result.progress(), result.updatedAt(), claim.row(),
                newest.get().progress(), newest.get().updatedAt(), newest.get().id())) {
            ObjectNode detail = detail(result, null);
            detail.put("newer_version", newest.get().version());
            return line(JobStatus.SKIPPED, result, null, List.of("older than version " + newest.get().version()),
                    detail);
        }
        Optional<LedgerEntry> posting = ledger.findByInterview(result.interviewId());
        String[] application = result.application();
        if (application == null) {
            return line(JobStatus.UNMATCHED, result, posting.orElse(null),
                    List.of("the result names no application (candidate_external_id <source>:<application id>)"),
                    detail(result, null));
        }
        return new InterviewResult(result.resultId(), result.version(), result.event(), result.interviewId(),
                posting.map(LedgerEntry::key).orElse(null), application[0], application[1], result.payload());
    }

    /**
     * The version is processed: its result line is recorded. The answer of {@code direct:ats-writeback} (or the
     * line {@link #decide} made) is final whatever its status: a write that failed for good is the writer's
     * dead letter, not a pending event.
     */
    public void done(ReceivedResults.Claim claim, JobResult line) {
        claim.done(line.status().value());
    }

    /**
     * Processing failed (the write-back route or a result sink threw): the version stays pending, and is taken
     * again after the retry delay, doubled per failure (at most an hour).
     */
    public void failed(ReceivedResults.Claim claim, Exception failure) {
        String why = failure == null ? "unknown" : failure.getClass().getSimpleName();
        Duration wait = retryDelay.multipliedBy(1L << Math.min(claim.attempts(), 12));
        if (wait.compareTo(MAX_RETRY_DELAY) > 0) {
            wait = MAX_RETRY_DELAY;
        }
        LOG.warn("Interview result {} version {} could not be processed ({}); tried again in {} s",
                claim.result().resultId(), claim.result().version(), why, wait.toSeconds());
        claim.failed(why, wait);
    }

    /** A result line of a version that is not written back (no personal data: ids only). */
    private JobResult line(JobStatus status, ResultPayload result, LedgerEntry posting, List<String> errors,
                           ObjectNode detail) {
        return new JobResult(status, posting == null ? null : posting.code(), null, result.interviewId(), errors,
                new JobSource(ROUTE, "result " + result.resultId(), null, null), null, null, null, 0, clock.instant(),
                null, detail);
    }

    /** The ids of a result: result, interview, version, event, and the application when named. */
    static ObjectNode detail(ResultPayload result, String[] application) {
        ObjectNode detail = Json.object();
        detail.put("result_id", result.resultId());
        detail.put("interview_id", result.interviewId());
        detail.put("version", result.version());
        detail.put("event", result.event());
        if (application != null) {
            detail.put("source", application[0]);
            detail.put("application_id", application[1]);
        }
        return detail;
    }
}
