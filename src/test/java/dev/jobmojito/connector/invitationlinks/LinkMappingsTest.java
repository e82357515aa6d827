package dev.jobmojito.connector.invitationlinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.writeback.ResultMappings;
import dev.jobmojito.connector.writeback.Writeback;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bundled link mapping: the note a link write carries, and a replayed dead letter (which keeps no link). */
class LinkMappingsTest {

    private static final String LINK = "https://interview.example.test/i/one-time-3c8f2a";

    private static InterviewResult linkWrite(boolean withLink) {
        ObjectNode payload = Json.object();
        if (withLink) {
            payload.put("interview_url", LINK);
        }
        payload.put("interview_id", "iv-41");
        payload.put("external_id", "workable:7F3A21");
        payload.put("send_email", false);
        payload.put("is_test", false);
        return new InterviewResult("invitation-iv-41", InvitationLinks.VERSION, Writeback.LINK_EVENT, "iv-41",
                "workable:JOB-9", "workable", "7F3A21", payload);
    }

    @Test
    void theNoteCarriesTheLinkAndAReplayedLetterWithoutItIsSkipped() throws Exception {
        ResultMappings links = new ResultMappings(Path.of("mappings/links"), new MappingLoader(name -> null));
        assertThat(links.loadAll()).isEmpty();

        ResultMappings.Rendered note = links.render(linkWrite(true));
        assertThat(note.skipped()).isNull();
        assertThat(note.note()).contains(LINK).startsWith("JobMojito AI interview");
        assertThat(note.attachmentUrl()).isNull();

        ResultMappings.Rendered replayed = links.render(linkWrite(false));
        assertThat(replayed.skipped()).contains("not kept in dead letters");
    }
}
