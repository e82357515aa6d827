package dev.jobmojito.connector.invitations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.results.JobSource;

/**
 * One application to invite, as its candidate mapping made it. {@link #toString()} shows ids only: the name and
 * email are personal data and never reach a log line.
 *
 * @param source        the candidate mapping's source (the ATS), the first part of {@link #externalId()}
 * @param applicationId the ATS's application (or opportunity, or candidate) id
 * @param postingKey    the posting's key in the posting ledger ({@code <posting source>:<job id>})
 * @param stage         the stage the record was at, when the mapping says (for the result line), or null
 * @param name          the candidate's name
 * @param email         the candidate's email
 * @param sendEmail     JobMojito sends its invitation and reminders
 * @param isTest        a trial: JobMojito flags the result as a test
 * @param origin        where the record came from
 * @param mapping       the candidate mapping's name
 */
public record Application(String source, String applicationId, String postingKey, String stage, String name,
                          String email, boolean sendEmail, boolean isTest, JobSource origin, String mapping) {

    /** {@code <source>:<application id>}: what ties JobMojito's result back to the application (issue 14). */
    public String externalId() {
        return source + ":" + applicationId;
    }

    /** The user of a register-users request: {@code {name, email, external_id}} (api doc §4). */
    public ObjectNode user() {
        ObjectNode user = Json.object();
        user.put("name", name);
        user.put("email", email);
        user.put("external_id", externalId());
        return user;
    }

    @Override
    public String toString() {
        return externalId() + " (posting " + postingKey + ", " + origin + ")";
    }
}
