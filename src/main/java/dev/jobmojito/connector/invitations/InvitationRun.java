package dev.jobmojito.connector.invitations;

import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.results.JobResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The applications of one input (a dropped file), planned: the outcomes decided without a call (skipped,
 * waiting, already invited, refused by the mapping) and the {@link InvitationBatch batches} to send, one per
 * interview and options. The route sends the batches, then records every result.
 */
public final class InvitationRun {

    private final IntakeBatch input;
    final List<JobResult> decided = new ArrayList<>();
    final List<InvitationBatch> batches = new ArrayList<>();

    InvitationRun(IntakeBatch input) {
        this.input = input;
    }

    public IntakeBatch input() {
        return input;
    }

    public List<InvitationBatch> batches() {
        return batches;
    }

    /** Every outcome: those decided without a call, then those of each batch. */
    public List<JobResult> results() {
        List<JobResult> all = new ArrayList<>(decided);
        batches.forEach(batch -> all.addAll(batch.results()));
        return all;
    }
}
