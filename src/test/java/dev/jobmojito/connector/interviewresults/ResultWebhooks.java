package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Test helper: JobMojito's side of a result webhook, invented data in the documented flat shape
 * ({@code ../shared/jobmojito-api.md} §5 "Payload"), sent over loopback with the custom header.
 */
public final class ResultWebhooks {

    public static final String HEADER = "X-JobMojito-Secret";
    public static final String SECRET = "webhook-secret-7d1e4c2a-do-not-log";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ResultWebhooks() {
    }

    /** A completed, scored result of an invented candidate. */
    public static ObjectNode result(String id, String interviewId, String externalId, int score) {
        ObjectNode payload = Json.object();
        payload.put("id", id);
        payload.put("interview_id", interviewId);
        payload.put("question_set_id", interviewId);
        payload.put("status", "active");
        payload.put("processing_status", "completed");
        payload.put("interview_status", "completed");
        payload.put("profile_interview_id", "pi-" + id);
        payload.put("profile_id", "p-" + id);
        payload.put("score", score);
        payload.put("ai_analysis_recruiter_score", score);
        payload.put("ai_analysis", "Clear answers.");
        payload.put("ai_analysis_recruiter", "Structured, concrete examples.");
        payload.putNull("recruiter_go_next_round");
        payload.put("reason", "status");
        if (externalId != null) {
            payload.put("candidate_external_id", externalId);
        }
        payload.put("candidate_name", "Ingrid Testperson");
        payload.put("candidate_email", "ingrid.testperson@example.invalid");
        payload.put("candidate_phone_number", "+47 000 00 000");
        payload.put("ai_analysis_recruiter_why_hire", "Ran a similar team.");
        payload.put("ai_analysis_recruiter_why_not_hire", "No forklift licence.");
        return payload;
    }

    /** POSTs a body to the connector's webhook with the given secret (null: no header). */
    static HttpResponse<String> post(int port, String path, String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header(HEADER, secret);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
