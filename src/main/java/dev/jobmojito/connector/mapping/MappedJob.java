package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.jobmojito.Problem;
import java.util.List;

/**
 * What a mapping made of one record: the request body, or the reason the record was skipped; and every
 * problem that keeps the request from being sent.
 *
 * @param index      position of the record in its input (0-based)
 * @param request    the create-from-array body as far as it could be built (never null)
 * @param problems   mapping and validation problems; empty when the request may be sent
 * @param skipReason why the mapping skips this record, or null
 */
public record MappedJob(int index, ObjectNode request, List<Problem> problems, String skipReason) {

    public boolean skipped() {
        return skipReason != null;
    }

    public boolean valid() {
        return skipReason == null && problems.isEmpty();
    }

    /** The ATS job id as sent in {@code code}, or null. */
    public String code() {
        JsonNode code = request.get("code");
        return code == null || code.isNull() ? null : code.asText();
    }

    public String name() {
        JsonNode name = request.get("name");
        return name == null || name.isNull() ? null : name.asText();
    }
}
