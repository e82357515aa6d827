package dev.jobmojito.connector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.results.JobStatus;

/**
 * What syncing one posting did.
 *
 * @param status      created, updated, skipped (unchanged), rejected or closed
 * @param interviewId the interview, when one exists
 * @param apiError    JobMojito's error body when it refused the call
 * @param httpStatus  the last HTTP status JobMojito answered, or null when no call was made
 * @param note        what an engineer should know (why skipped, adopted after a lost answer, ...), or null
 */
public record SyncOutcome(JobStatus status, String interviewId, JsonNode apiError, Integer httpStatus, String note) {
}
