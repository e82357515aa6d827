package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.sync.SyncDelivery;
import java.time.Clock;
import java.time.Instant;
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

    /**
     * Ends a poll cycle whose jobs are handled: after a complete cycle, the postings the ATS no longer lists are
     * to be closed ({@link SyncDelivery#closing}); the route makes the archive call of each that has one and
     * hands it to {@link #closed}.
     *
     * @return the postings to close (empty when none, or when the cycle was cut)
     */
    public List<SyncDelivery.Closing> finish(Exchange exchange) {
        IntakeBatch batch = exchange.getProperty(FileIntake.INPUT, IntakeBatch.class);
        batch.close();
        String route = batch.route();
        if (gate.paused()) {
            // jobs were left undone: the poll is not complete, so nothing may be taken for closed
            drain.cycleFailed(route, gate.reason());
            return List.of();
        }
        List<SyncDelivery.Closing> closing = List.of();
        if (Boolean.TRUE.equals(exchange.getProperty(AtsPoller.CLOSE_MISSING, Boolean.class))) {
            Instant started = exchange.getProperty(AtsPoller.STARTED, Instant.class);
            closing = sync.closing(sourceOf(batch), batch.held(), started);
        }
        LOG.info("Poll {} cycle done: {} postings ({}){}", route, batch.recordsRead(), batch.tally().jobs(),
                closing.isEmpty() ? "" : "; " + closing.size() + " no longer in the ATS");
        return closing;
    }

    /**
     * One posting that left the ATS (body: its {@link SyncDelivery.Closing}), after its archive call when it had
     * one (variable {@code answer}: JobMojito's {@link dev.jobmojito.connector.jobmojito.HttpAnswer}; variable
     * {@code failure}: the exception when the call failed): its result, counted for the poll cycle.
     */
    public JobResult closed(Exchange exchange) {
        SyncDelivery.Closing closing = exchange.getIn().getBody(SyncDelivery.Closing.class);
        if (closing.call() != null) {
            sync.closed(closing, exchange.getVariable("answer", dev.jobmojito.connector.jobmojito.HttpAnswer.class),
                    exchange.getVariable("failure", Exception.class));
        }
        IntakeBatch batch = exchange.getProperty(FileIntake.INPUT, IntakeBatch.class);
        JobSource source = new JobSource(batch.route(), batch.name(), null, null);
        var outcome = closing.outcome();
        batch.tally().accept(new JobResult(outcome.status(), closing.entry().code(), null, null, List.of(), source,
                null, null, null, 0, clock.instant()));
        return new JobResult(outcome.status(), closing.entry().code(), closing.entry().name(),
                outcome.interviewId(), List.of(outcome.note()), source, batch.mapping().name(), outcome.apiError(),
                outcome.httpStatus(), 0, clock.instant());
    }

    private static String sourceOf(IntakeBatch batch) {
        return batch.ledgerSource();
    }
}
