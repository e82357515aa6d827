package dev.jobmojito.connector.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one job, as written to every result sink: one JSON line per job.
 *
 * @param status            what happened
 * @param code              the ATS job id sent as {@code code}
 * @param name              the position name
 * @param interviewDefSetId the JobMojito interview id, when created or updated
 * @param errors            why it was rejected, failed or skipped; empty when created
 * @param source            where the job came from
 * @param mapping           the mapping that made the request
 * @param apiError          JobMojito's own error body ({@code {"error","name"}}), when it refused the request
 * @param httpStatus        the last HTTP status JobMojito answered, when it answered
 * @param attempts          how many times the request was sent
 * @param at                when the outcome was decided
 * @param note              what else happened (an interview adopted after a lost answer, the fields updated)
 * @param detail            fields of jobs that are not postings (an interview result's or an application's ids),
 *                          written as the line's {@code detail} object; null for a posting. Never personal data
 *                          unless the operator configured it.
 */
public record JobResult(JobStatus status, String code, String name, String interviewDefSetId, List<String> errors,
                        JobSource source, String mapping, JsonNode apiError, Integer httpStatus, int attempts,
                        Instant at, String note, ObjectNode detail) {

    public JobResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public JobResult(JobStatus status, String code, String name, String interviewDefSetId, List<String> errors,
                     JobSource source, String mapping, JsonNode apiError, Integer httpStatus, int attempts,
                     Instant at, String note) {
        this(status, code, name, interviewDefSetId, errors, source, mapping, apiError, httpStatus, attempts, at, note,
                null);
    }

    public JobResult(JobStatus status, String code, String name, String interviewDefSetId, List<String> errors,
                     JobSource source, String mapping, JsonNode apiError, Integer httpStatus, int attempts,
                     Instant at) {
        this(status, code, name, interviewDefSetId, errors, source, mapping, apiError, httpStatus, attempts, at, null);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("status", status.value());
        json.put("code", code);
        json.put("name", name);
        if (interviewDefSetId != null) {
            json.put("interview_def_set_id", interviewDefSetId);
        }
        ArrayNode errorList = json.putArray("errors");
        errors.forEach(errorList::add);
        ObjectNode from = json.putObject("source");
        from.put("route", source.route());
        from.put("file", source.file());
        if (source.record() != null) {
            from.put("record", source.record());
        }
        if (source.line() != null) {
            from.put("line", source.line());
        }
        if (mapping != null) {
            json.put("mapping", mapping);
        }
        if (apiError != null) {
            json.set("api_error", apiError);
        }
        if (httpStatus != null) {
            json.put("http_status", httpStatus);
        }
        if (attempts > 0) {
            json.put("attempts", attempts);
        }
        if (note != null) {
            json.put("note", note);
        }
        if (detail != null) {
            json.set("detail", detail);
        }
        json.put("at", at.toString());
        return json;
    }
}
