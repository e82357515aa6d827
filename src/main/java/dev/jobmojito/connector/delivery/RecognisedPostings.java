package dev.jobmojito.connector.delivery;

import dev.jobmojito.connector.intake.JobInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Postings of one file or poll cycle known unchanged from their records ({@link Recognition}), a chunk of them
 * on its way to the result sinks together ({@code direct:recognised-postings}). Each job's result is decided
 * (skipped, unchanged); none of them is mapped or sent, unless the ledger changed for it before its result was
 * recorded: then it is {@link #revoked()} and takes the job path after all.
 *
 * @param jobs         the jobs, each with its {@link Job#result() result}
 * @param fingerprints each job's record fingerprint, in the same order
 * @param revoked      the inputs of jobs no longer known unchanged when their results were to be recorded
 */
public record RecognisedPostings(List<Job> jobs, List<String> fingerprints, List<JobInput> revoked) {

    public RecognisedPostings(List<Job> jobs, List<String> fingerprints) {
        this(List.copyOf(jobs), List.copyOf(fingerprints), new ArrayList<>());
    }
}
