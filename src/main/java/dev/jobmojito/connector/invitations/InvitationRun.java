package dev.jobmojito.connector.invitations;

import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.results.JobResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applications of one input (a dropped file), planned: the outcomes decided without a call (skipped,
 * waiting, already invited, refused by the mapping) and the {@link InvitationBatch batches} to send, one per
 * interview and options. The route sends the batches, then records every result.
 */
public final class InvitationRun {

    private final IntakeBatch input;
    final List<JobResult> decided = new ArrayList<>();
    final List<InvitationBatch> batches = new ArrayList<>();
    /** The applications waiting for their posting's interview, each with its {@code waiting} result in decided. */
    final Map<Application, JobResult> waiting = new LinkedHashMap<>();
    /** Why a posting could not be created first, by posting key (see {@link #postingNotCreated}). */
    final Map<String, String> postingNotes = new LinkedHashMap<>();
    /** The postings created first in this run, by key: their applications' results say so. */
    final java.util.Set<String> createdFirst = new java.util.HashSet<>();

    InvitationRun(IntakeBatch input) {
        this.input = input;
    }

    public IntakeBatch input() {
        return input;
    }

    public List<InvitationBatch> batches() {
        return batches;
    }

    /**
     * The applications planned as {@code waiting}: their posting has no interview yet. With
     * {@code connector.invitations.create-postings}, an application poll reads and syncs their postings, then
     * {@link Invitations#replan} plans them again.
     */
    public List<Application> waiting() {
        return List.copyOf(waiting.keySet());
    }

    /**
     * The posting {@code postingKey} could not be created first: {@code why} is added to the waiting result of its
     * applications (an ATS answer, a rejection). Never personal data: a status, a mapping's message.
     */
    public void postingNotCreated(String postingKey, String why) {
        postingNotes.put(postingKey, why);
    }

    /** Every outcome: those decided without a call, then those of each batch. */
    public List<JobResult> results() {
        List<JobResult> all = new ArrayList<>(decided);
        batches.forEach(batch -> all.addAll(batch.results()));
        for (JobResult result : all) {
            if (result.detail() != null && createdFirst.contains(result.detail().path("posting_key").asText())) {
                result.detail().put("posting_created_first", true);
            }
        }
        return all;
    }
}
