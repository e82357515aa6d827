package dev.jobmojito.connector.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.Secrets;
import dev.jobmojito.connector.support.TestMappings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's {@code POST /job-interview-register-users} (issue 15) as the API doc §4 describes it. */
class SandboxRegisterUsersTest {

    private final JobMojitoSandbox sandbox = JobMojitoSandbox.start(Secrets.TOKEN);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private HttpResponse<String> post(String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String interview() throws Exception {
        JsonNode request = TestMappings.mapFile(TestMappings.bundled("lever"), Path.of("samples/lever/postings.json"))
                .get(0).request();
        return Json.MAPPER.readTree(post("/job-interview-create-from-array", Secrets.TOKEN, Json.write(request))
                .body()).path("interview_def_set_id").asText();
    }

    @Test
    void aRowPerUserWithAOneTimeLinkAndTheListenerToldOfEachRegisteredUser() throws Exception {
        String interview = interview();
        List<String> heard = new CopyOnWriteArrayList<>();
        sandbox.onRegistered((id, user) -> heard.add(id + " " + user.path("external_id").asText() + " "
                + user.path("email").asText()));

        HttpResponse<String> answer = post("/job-interview-register-users", Secrets.TOKEN, """
                {"interview_id": "%s", "send_email": true, "users": [
                  {"name": "Ada Example", "email": "ada@example.com", "external_id": "csv:A-1"},
                  {"name": "No Mail", "email": "", "external_id": "csv:A-2"},
                  {"name": "Bo Example", "email": "bo@example.org", "external_id": "csv:A-3"}]}
                """.formatted(interview));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode rows = Json.MAPPER.readTree(answer.body());
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("result").asText()).isEqualTo("ok");
        assertThat(rows.get(1).path("result").asText()).startsWith("Error: ");
        assertThat(rows.get(2).path("result").asText()).isEqualTo("ok");
        assertThat(rows.get(0).path("interview_url").asText()).startsWith(sandbox.baseUrl())
                .isNotEqualTo(rows.get(2).path("interview_url").asText());
        assertThat(heard).containsExactly(interview + " csv:A-1 ada@example.com",
                interview + " csv:A-3 bo@example.org");
        assertThat(sandbox.registrations()).extracting(user -> user.path("interview_url").asText())
                .containsExactly(rows.get(0).path("interview_url").asText(),
                        rows.get(2).path("interview_url").asText());
    }

    @Test
    void aWrongTokenAMissingFieldAndAnUnknownInterviewAreRefused() throws Exception {
        String users = "\"users\": [{\"name\": \"Ada\", \"email\": \"ada@example.com\", \"external_id\": \"x:1\"}]";

        assertThat(post("/job-interview-register-users", "wrong", "{\"interview_id\": \"x\", " + users + "}")
                .statusCode()).isEqualTo(401);
        assertThat(post("/job-interview-register-users", Secrets.TOKEN, "{" + users + "}").statusCode())
                .isEqualTo(422);
        assertThat(post("/job-interview-register-users", Secrets.TOKEN, "{\"interview_id\": \"nope\", " + users
                + "}").statusCode()).isEqualTo(500);
        assertThat(sandbox.registrations()).isEmpty();
    }
}
