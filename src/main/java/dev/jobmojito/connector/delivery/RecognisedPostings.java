package dev.jobmojito.connector.delivery;

import java.util.List;

/**
 * Postings of one file or poll cycle known unchanged from their records ({@link Recognition}), a chunk of them
 * on its way to the result sinks together ({@code direct:recognised-postings}). Each job's result is decided
 * (skipped, unchanged); none of them is mapped or sent.
 *
 * @param jobs the jobs, each with its {@link Job#result() result}
 */
public record RecognisedPostings(List<Job> jobs) {
}
