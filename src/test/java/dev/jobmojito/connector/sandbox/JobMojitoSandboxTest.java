package dev.jobmojito.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The embedded sandbox answers like the documented API. */
class JobMojitoSandboxTest {

    private final JobMojitoSandbox sandbox = JobMojitoSandbox.start("sandbox-secret");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer sandbox-secret").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode minimalCreate(String name, String code) {
        ObjectNode body = Json.object();
        body.put("name", name);
        body.put("code", code);
        body.put("location", "remote");
        body.put("interview_template_id", JobMojitoSandbox.TEMPLATE_ID);
        body.put("mojito_language_code", "en");
        body.put("description", "Support");
        body.put("status", "draft");
        body.put("type", "interview");
        body.put("visibility", "merchant_invite");
        body.putArray("questions").addObject().put("question", "Why support?");
        return body;
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void aWrongOrMissingTokenIsRefusedWith401() throws Exception {
        assertThat(post("/job-interview-create-from-array", "other", Json.write(minimalCreate("A", "1"))).statusCode())
                .isEqualTo(401);
        HttpResponse<String> missing = post("/job-interview-create-from-array", null, "{}");
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).get("error").asText()).isNotBlank();
    }

    @Test
    void aValidRequestCreatesAnInterviewWithANewId() throws Exception {
        HttpResponse<String> first = post("/job-interview-create-from-array", "sandbox-secret",
                Json.write(minimalCreate("Support Specialist", "c-1")));
        HttpResponse<String> second = post("/job-interview-create-from-array", "sandbox-secret",
                Json.write(minimalCreate("Support Specialist", "c-1")));

        assertThat(first.statusCode()).isEqualTo(200);
        String id = json(first).get("interview_def_set_id").asText();
        // like the real API, the sandbox does not deduplicate by code: each create is a new interview
        assertThat(json(second).get("interview_def_set_id").asText()).isNotEqualTo(id);
        assertThat(sandbox.interviews()).hasSize(2);

        JsonNode stored = json(get("/job-interview-get?position_id=" + id));
        assertThat(stored.get("code").asText()).isEqualTo("c-1");
        assertThat(stored.get("interview_location").asText()).isEqualTo("remote");
    }

    @Test
    void anInvalidRequestIsRejectedWith422NamingTheField() throws Exception {
        ObjectNode body = minimalCreate("Support", "c-2");
        body.remove("interview_template_id");
        HttpResponse<String> missing = post("/job-interview-create-from-array", "sandbox-secret", Json.write(body));
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(json(missing).get("error").asText()).isEqualTo("Field is required.");
        assertThat(json(missing).get("name").asText()).isEqualTo("interview_template_id");

        body = minimalCreate("Support", "c-3");
        body.put("status", "published");
        HttpResponse<String> wrongEnum = post("/job-interview-create-from-array", "sandbox-secret", Json.write(body));
        assertThat(wrongEnum.statusCode()).isEqualTo(422);
        assertThat(json(wrongEnum).get("name").asText()).isEqualTo("status");
        assertThat(sandbox.interviews()).isEmpty();
    }

    @Test
    void interviewsCanBeListedByNameUpdatedAndArchived() throws Exception {
        String id = json(post("/job-interview-create-from-array", "sandbox-secret",
                Json.write(minimalCreate("Night Porter", "p-9")))).get("interview_def_set_id").asText();

        JsonNode list = json(get("/merchant-interview-list?filter_text=porter"));
        assertThat(list.get("data")).hasSize(1);
        assertThat(list.at("/data/0/id").asText()).isEqualTo(id);
        assertThat(list.at("/pagination/total").asInt()).isEqualTo(1);

        ObjectNode update = Json.object();
        update.put("position_id", id);
        update.put("name", "Night Porter (m/f/d)");
        HttpResponse<String> updated = post("/job-interview-update", "sandbox-secret", Json.write(update));
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(json(updated).get("updated_fields").toString()).contains("name");

        ObjectNode archive = Json.object();
        archive.put("position_id", id);
        archive.put("status", "archived");
        assertThat(json(post("/job-interview-set-state", "sandbox-secret", Json.write(archive)))
                .get("success").asBoolean()).isTrue();
        JsonNode stored = json(get("/job-interview-get?position_id=" + id));
        assertThat(stored.get("name").asText()).isEqualTo("Night Porter (m/f/d)");
        assertThat(stored.get("status").asText()).isEqualTo("archived");
    }
}
