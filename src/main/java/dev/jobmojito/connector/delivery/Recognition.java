package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.sync.SyncDelivery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cheap part of a re-sync (issue 13): a record whose fingerprint (the build, the mapping and the record,
 * {@link dev.jobmojito.connector.mapping.Mapping#fingerprint}) is the one the ledger noted for an open interview
 * whose request has not changed since maps to that same request, so it is known unchanged without being mapped,
 * and its result goes to the sinks with others ({@link RecognisedPostings}, route {@code recognised-postings})
 * instead of taking the job path alone. Every other record takes the job path as before ({@code deliver-job}),
 * where an unchanged posting gets its fingerprint noted for the next time.
 */
public final class Recognition {

    private static final Logger LOG = LoggerFactory.getLogger(Recognition.class);

    /** Recognised postings go to the result sinks this many at a time (fewer at the end of a batch). */
    static final int CHUNK = 256;

    private final SyncDelivery sync;
    private final IntakeGate gate;
    private final StateGuard state;
    private final Clock clock;

    public Recognition(SyncDelivery sync, IntakeGate gate, StateGuard state, Clock clock) {
        this.sync = sync;
        this.gate = gate;
        this.state = state;
        this.clock = clock;
    }

    /**
     * The items of the exchange's batch ({@link FileIntake#INPUT}) for the splitter, in reading order: each
     * record that must be mapped as a {@link JobInput}, the recognised ones as {@link RecognisedPostings} of up
     * to {@value #CHUNK}. A recognised posting counts as held by its batch (a complete poll does not close it).
     */
    public Iterator<Object> jobs(Exchange exchange) {
        IntakeBatch batch = exchange.getProperty(FileIntake.INPUT, IntakeBatch.class);
        Iterator<JobInput> inputs = batch.mapping() == null ? List.<JobInput>of().iterator() : batch.jobs();
        return new Iterator<>() {
            private final List<Job> recognised = new ArrayList<>();
            private final List<String> fingerprints = new ArrayList<>();
            private Object next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (!inputs.hasNext()) {
                        if (recognised.isEmpty()) {
                            return false;
                        }
                        next = chunk();
                    } else {
                        JobInput input = inputs.next();
                        String fingerprint = fingerprint(input);
                        Job job = fingerprint == null ? null : recognise(input, fingerprint);
                        if (job == null) {
                            next = input;
                        } else {
                            recognised.add(job);
                            fingerprints.add(fingerprint);
                            if (recognised.size() == CHUNK) {
                                next = chunk();
                            }
                        }
                    }
                }
                return true;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object item = next;
                next = null;
                return item;
            }

            private RecognisedPostings chunk() {
                RecognisedPostings chunk = new RecognisedPostings(recognised, fingerprints);
                recognised.clear();
                fingerprints.clear();
                return chunk;
            }
        };
    }

    private static String fingerprint(JobInput input) {
        return input.record().problem() != null || input.mapping() == null ? null
                : input.mapping().fingerprint(input.record().node());
    }

    /**
     * The record's job with its result decided when it is known unchanged by its fingerprint; else null, also
     * when the ledger cannot be read now (the record then takes the job path, which reports what it meets).
     */
    private Job recognise(JobInput input, String fingerprint) {
        java.util.Optional<SyncDelivery.KnownPosting> found;
        try {
            found = sync.unchangedRecord(input.ledgerSource(), fingerprint);
        } catch (RuntimeException e) {
            LOG.debug("Record {} of {} not recognised, the ledger could not be read: {}", input.record().index(),
                    input.source().file(), e.toString());
            return null;
        }
        return found.map(known -> {
            input.hold(known.code());
            Job job = new Job(input, input.mapping().name(), null);
            job.conclude(new JobResult(JobStatus.SKIPPED, known.code(), known.name(),
                    known.outcome().interviewId(), List.of(known.outcome().note()), input.source(),
                    input.mapping().name(), null, null, 0, clock.instant()));
            return job;
        }).orElse(null);
    }

    /**
     * The results of recognised postings, for the result sinks. When intake closed meanwhile (stopping, token
     * refused) none: the jobs are left for the next run with their file, as a job read then is.
     *
     * @throws dev.jobmojito.connector.results.OutcomeNotRecordedException when the state directory has gone
     */
    public List<JobResult> results(RecognisedPostings postings) {
        if (gate.paused()) {
            postings.jobs().forEach(Recognition::left);
            return List.of();
        }
        state.check();
        // decided now, as they go to the sinks (a chunk may have waited for the rest of its file)
        java.time.Instant now = clock.instant();
        List<JobResult> results = new ArrayList<>(postings.jobs().size());
        for (int i = 0; i < postings.jobs().size(); i++) {
            Job job = postings.jobs().get(i);
            JobInput input = job.input();
            // written since it was recognised (the same posting further on in the file, being sent), or the ledger
            // cannot say now: mapped after all, and the job path reports what it meets
            if (!stillUnchanged(input, postings.fingerprints().get(i))) {
                job.conclude(null);
                postings.revoked().add(input);
                continue;
            }
            JobResult known = job.result();
            job.conclude(new JobResult(known.status(), known.code(), known.name(), known.interviewDefSetId(),
                    known.errors(), known.source(), known.mapping(), null, null, 0, now));
            results.add(job.result());
        }
        return results;
    }

    private boolean stillUnchanged(JobInput input, String fingerprint) {
        try {
            return sync.unchangedRecord(input.ledgerSource(), fingerprint).isPresent();
        } catch (RuntimeException e) {
            LOG.debug("Record {} of {} not confirmed unchanged, the ledger could not be read: {}",
                    input.record().index(), input.source().file(), e.toString());
            return false;
        }
    }

    /**
     * The inputs of the chunk's jobs that were no longer known unchanged when their results were to be recorded
     * ({@link #results}), for {@code direct:deliver-job}.
     */
    public List<JobInput> revoked(RecognisedPostings postings) {
        return postings.revoked();
    }

    /** The results reached the sinks: each counts for its file or poll cycle (a job left counted already). */
    public void recorded(RecognisedPostings postings) {
        for (Job job : postings.jobs()) {
            if (job.result() != null && job.input().batchTally() != null) {
                job.input().batchTally().accept(job.result());
            }
        }
    }

    /**
     * The results could not be recorded (results file, webhook outbox): none of the jobs is acknowledged; intake
     * pauses with the reason (readiness DOWN) and the file stays in its inbox, as for a single job.
     */
    public void notRecorded(Exchange exchange, RecognisedPostings postings) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        postings.jobs().forEach(Recognition::left);
        // none of them goes on, the revoked ones neither: they are done again with their file
        postings.revoked().clear();
        gate.pause("the outcome of " + postings.jobs().size() + " unchanged postings could not be recorded: "
                + (cause == null ? "unknown" : cause.getMessage()));
    }

    private static void left(Job job) {
        job.conclude(null);
        if (job.input().batchTally() != null) {
            job.input().batchTally().jobLeft();
        }
    }
}
