package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One version of a JobMojito interview result, matched to the ATS application it belongs to: what the receiving
 * side ({@code interviewresults}) hands to the write-back side ({@code writeback}). Built from a webhook delivery
 * or a reconciliation page ({@code ../shared/jobmojito-api.md} §4 "Results", §5 "Webhooks").
 *
 * @param resultId      JobMojito's {@code interview_result} id (the payload's {@code id})
 * @param version       what tells this version from the result's others: stable for a re-delivery of the same
 *                      content, different when a watched field changed
 * @param event         {@code interview_result}, {@code interview_collected} or {@code interview_failed}
 * @param interviewId   the payload's {@code interview_id} ({@code interview_def_set_id})
 * @param postingKey    the ledger key of the posting whose interview this is; null when the ledger has none
 * @param source        the ATS source named in the candidate's {@code external_id} ({@code <source>:<application
 *                      id>}); null when the candidate has none
 * @param applicationId the ATS application id from that {@code external_id}; null when absent
 * @param payload       the delivery's flat payload as received (an older {@code {"record": {...}}} envelope
 *                      unwrapped), unknown fields kept. Holds personal data: never log it
 */
public record InterviewResult(String resultId, String version, String event, String interviewId, String postingKey,
                              String source, String applicationId, ObjectNode payload) {

    /** Whether the result names an application to write to. */
    public boolean matched() {
        return source != null && applicationId != null;
    }

    @Override
    public String toString() {
        // The payload carries the candidate's name, email and phone number: keep it out of every log line.
        return "InterviewResult[" + resultId + " version " + version + ", " + event + ", interview " + interviewId
                + ", application " + source + ":" + applicationId + "]";
    }
}
