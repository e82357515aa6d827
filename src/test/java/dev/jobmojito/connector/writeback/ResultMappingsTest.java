package dev.jobmojito.connector.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped result mappings and the language's rules for them: what a note says, what is left out, errors. */
class ResultMappingsTest {

    @TempDir
    Path work;

    private static ResultMappings shipped() throws Exception {
        ResultMappings mappings = new ResultMappings(Path.of("mappings/results"), new MappingLoader(name -> null));
        assertThat(mappings.loadAll()).isEmpty();
        return mappings;
    }

    private static InterviewResult result(String source, String event, ObjectNode payload) {
        return new InterviewResult("res-1", "v1", event, "iv-1", null, source, "app-1", payload);
    }

    @Test
    void aSparseResultLeavesOutTheLinesItHasNoValueFor() throws Exception {
        ObjectNode payload = Json.object();
        payload.put("score", 64);
        payload.putNull("recruiter_go_next_round");

        ResultMappings.Rendered note = shipped().render(result("csv", "interview_result", payload));

        assertThat(note.mapping()).isEqualTo("default");
        assertThat(note.note()).isEqualTo("JobMojito AI interview result\nScore: 64");
        assertThat(note.attachmentUrl()).isNull();
    }

    @Test
    void aFailedInterviewGetsAShortNoteAndACollectedOneIsSkipped() throws Exception {
        ObjectNode payload = Json.object();
        payload.put("interview_status", "abandoned");

        ResultMappings mappings = shipped();

        assertThat(mappings.render(result("greenhouse", "interview_failed", payload)).note())
                .isEqualTo("JobMojito AI interview not completed (abandoned).");
        assertThat(mappings.render(result("lever", "interview_collected", payload)).skipped())
                .contains("not scored yet");
    }

    @Test
    void greenhouseAttachesTheReportByItsUrl() throws Exception {
        ObjectNode payload = Json.object();
        payload.put("score", 90);
        payload.put("pdf_export_url", "https://files.example.test/r.pdf");

        ResultMappings.Rendered note = shipped().render(result("greenhouse", "interview_result", payload));

        assertThat(note.attachmentUrl()).isEqualTo("https://files.example.test/r.pdf");
        assertThat(note.attachmentName()).isEqualTo("jobmojito-interview-res-1.pdf");
    }

    @Test
    void aBrokenResultMappingIsReportedByFileAndLineWithASuggestion() throws Exception {
        Files.writeString(work.resolve("default.yaml"), """
                description: broken
                nte:
                  template: "Score: {score}"
                """);

        List<MappingError> errors = new ResultMappings(work, new MappingLoader(name -> null)).loadAll();

        assertThat(errors).extracting(MappingError::toString).anySatisfy(e -> assertThat(e)
                .contains("default.yaml:2", "unknown key \"nte\"", "note"));
        assertThat(errors).extracting(MappingError::toString).anySatisfy(e -> assertThat(e)
                .contains("no rule for \"note\""));
    }
}
