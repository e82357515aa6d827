package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.sync.SyncDelivery;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a poll cycle: after its jobs are handled, postings the (complete) poll no longer holds are closed,
 * and once mode learns that this poll has done its cycle.
 */
public final class PollIntake {

    private static final Logger LOG = LoggerFactory.getLogger(PollIntake.class);

    private final SyncDelivery sync;
    private final IntakeGate gate;
    private final DrainTracker drain;
    private final Clock clock;

    public PollIntake(SyncDelivery sync, IntakeGate gate, DrainTracker drain, Clock clock) {
        this.sync = sync;
        this.gate = gate;
        this.drain = drain;
        this.clock = clock;
    }

    public Iterator<JobInput> jobs(Exchange exchange) {
        return exchange.getProperty(FileIntake.INPUT, IntakeBatch.class).jobs();
    }

    /**
     * Ends a poll cycle whose jobs are handled: after a complete cycle, the postings the ATS no longer lists are
     * closed ({@link SyncDelivery#closeMissing}).
     *
     * @return the results of the postings closed, for the result sinks (empty when none, or the cycle was cut)
     */
    public List<JobResult> finish(Exchange exchange) {
        IntakeBatch batch = exchange.getProperty(FileIntake.INPUT, IntakeBatch.class);
        batch.close();
        String route = batch.route();
        if (gate.paused()) {
            // jobs were left undone: the poll is not complete, so nothing may be taken for closed
            drain.cycleFailed(route, gate.reason());
            return List.of();
        }
        List<JobResult> results = new ArrayList<>();
        if (Boolean.TRUE.equals(exchange.getProperty(AtsPoller.CLOSE_MISSING, Boolean.class))) {
            Instant started = exchange.getProperty(AtsPoller.STARTED, Instant.class);
            List<SyncDelivery.Closed> closed = sync.closeMissing(sourceOf(batch), started);
            for (SyncDelivery.Closed one : closed) {
                results.add(new JobResult(one.outcome().status(), one.entry().code(), one.entry().name(),
                        one.outcome().interviewId(), List.of(one.outcome().note()),
                        new JobSource(route, batch.name(), null, null), batch.mapping().name(),
                        one.outcome().apiError(), one.outcome().httpStatus(), 0, clock.instant()));
            }
            closed.forEach(one -> batch.tally().accept(new JobResult(one.outcome().status(), one.entry().code(), null,
                    null, List.of(), new JobSource(route, batch.name(), null, null), null, null, null, 0,
                    clock.instant())));
        }
        LOG.info("Poll {} cycle done: {} postings ({})", route, batch.recordsRead(), batch.tally().jobs());
        return results;
    }

    private static String sourceOf(IntakeBatch batch) {
        return batch.ledgerSource();
    }
}
