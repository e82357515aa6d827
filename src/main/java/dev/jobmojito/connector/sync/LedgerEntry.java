package dev.jobmojito.connector.sync;

import java.time.Instant;

/**
 * One posting in the ledger.
 *
 * @param key           source + ':' + code
 * @param source        the mapping name, or the source a route sets
 * @param code          the ATS job id
 * @param name          the position name last sent
 * @param contentHash   SHA-256 of the last request sent
 * @param interviewId   the interview's {@code interview_def_set_id}, once known
 * @param status        where it stands
 * @param requestJson   the last request sent
 * @param inFlightSince when a create was last sent without a recorded answer
 * @param createdAt     first recorded
 * @param updatedAt     last changed
 * @param lastSeenAt    when the entry was last written (a poll keeps what it holds itself, see IntakeBatch#held)
 */
public record LedgerEntry(String key, String source, String code, String name, String contentHash,
                          String interviewId, LedgerStatus status, String requestJson, Instant inFlightSince,
                          Instant createdAt, Instant updatedAt, Instant lastSeenAt) {
}
