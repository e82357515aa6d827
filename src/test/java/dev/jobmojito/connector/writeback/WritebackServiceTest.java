package dev.jobmojito.connector.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The write-back in the running service with no ATS account: every shipped target's route is there, none is
 * configured, so a result is written to the local stand-in folder, once.
 */
@SpringBootTest(classes = ConnectorApplication.class, properties = "camel.main.run-controller=false")
class WritebackServiceTest {

    @TempDir
    static Path work;

    @Autowired
    CamelContext camel;

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("connector.inbox", () -> dev.jobmojito.connector.support.Folders.created(work.resolve("inbox")));
        registry.add("connector.results", () -> work.resolve("results").toString());
        registry.add("connector.state", () -> work.resolve("state").toString());
        registry.add("connector.writeback.folder", () -> work.resolve("ats-notes").toString());
        registry.add("jobmojito.base-url", () -> "");
    }

    @Test
    void aResultForAnAtsWithoutAccountIsWrittenToTheLocalFolderOnce() throws Exception {
        assertThat(camel.getRoute("writeback-lever")).isNotNull();
        assertThat(camel.getRoute("writeback-greenhouse")).isNotNull();
        assertThat(camel.getRoute("writeback-workable")).isNotNull();
        ObjectNode payload = Json.object();
        payload.put("id", "res-900");
        payload.put("score", 71);
        payload.put("recruiter_go_next_round", false);
        payload.put("candidate_name", "Rui Exemplo");
        InterviewResult result = new InterviewResult("res-900", "v1", "interview_result", "iv-1", null, "lever",
                "opp-900", payload);
        ProducerTemplate producer = camel.createProducerTemplate();

        JobResult first = producer.requestBody("direct:ats-writeback", result, JobResult.class);
        JobResult second = producer.requestBody("direct:ats-writeback", result, JobResult.class);

        assertThat(first.status()).isEqualTo(JobStatus.WRITTEN);
        assertThat(first.detail().path("target").asText()).isEqualTo("folder");
        assertThat(second.status()).isEqualTo(JobStatus.SKIPPED);
        Path note = work.resolve("ats-notes/lever/opp-900/res-900-v1.md");
        assertThat(Files.readString(note)).contains("Score: 71", "Do not advance", "jobmojito-result:res-900:v1")
                .doesNotContain("Rui Exemplo");
    }
}
