package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a delivery is read: version, event, progress, envelope, application (jobmojito-api.md §5). */
class ResultPayloadTest {

    private static ObjectNode payload() {
        return ResultWebhooks.result("r-1", "i-1", "greenhouse:12:34", 70);
    }

    @Test
    void theVersionFollowsTheWatchedFieldsOnly() {
        ResultPayload first = ResultPayload.read(Json.write(payload()), null);
        ObjectNode other = payload();
        other.put("reason", "pdf_export_url");
        other.put("something_new", 1);
        other.put("candidate_name", "Someone Else");
        assertThat(ResultPayload.read(Json.write(other), null).version()).isEqualTo(first.version());
        for (String field : ResultPayload.WATCHED) {
            ObjectNode changed = payload();
            changed.put(field, "changed");
            assertThat(ResultPayload.read(Json.write(changed), null).version()).as(field).isNotEqualTo(first.version());
        }
    }

    @Test
    void theOlderEnvelopeIsUnwrappedAndUnknownFieldsAreKept() {
        ObjectNode envelope = Json.object();
        envelope.put("table", "interview_result");
        ObjectNode record = payload();
        record.put("pdf_export_valid_until", "2026-12-30T00:00:00Z");
        envelope.set("record", record);
        ResultPayload read = ResultPayload.read(Json.write(envelope), null);
        assertThat(read.resultId()).isEqualTo("r-1");
        assertThat(read.payload().path("pdf_export_valid_until").asText()).isEqualTo("2026-12-30T00:00:00Z");
        assertThat(read.version()).isEqualTo(ResultPayload.read(Json.write(payload()), null).version());
    }

    @Test
    void theEventIsToldFromTheStatusesUnlessTheUrlSaysIt() {
        assertThat(ResultPayload.read(Json.write(payload()), null).event()).isEqualTo("interview_result");
        ObjectNode failed = payload();
        failed.put("interview_status", "terminated, no speech detected");
        assertThat(ResultPayload.read(Json.write(failed), null).event()).isEqualTo("interview_failed");
        ObjectNode draft = payload();
        draft.put("status", "draft");
        assertThat(ResultPayload.read(Json.write(draft), null).event()).isEqualTo("interview_collected");
        assertThat(ResultPayload.read(Json.write(draft), "interview_result").event()).isEqualTo("interview_result");
        assertThatThrownBy(() -> ResultPayload.read(Json.write(draft), "interview_deleted"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultPayload.read("[1]", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResultPayload.read("{\"score\": 1}", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void progressThenUpdatedAtThenArrivalDecideWhichVersionIsNewer() {
        ObjectNode draft = payload();
        draft.put("status", "draft");
        draft.put("processing_status", "processing");
        int submitted = ResultPayload.progress(payload());
        int collected = ResultPayload.progress(draft);
        assertThat(submitted).isGreaterThan(collected);
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        // progress first, whatever the times and the arrival
        assertThat(ResultPayload.newerThan(submitted, t, 1, collected, t.plusSeconds(60), 2)).isTrue();
        // then updated_at
        assertThat(ResultPayload.newerThan(submitted, t, 2, submitted, t.plusSeconds(60), 1)).isFalse();
        // then arrival
        assertThat(ResultPayload.newerThan(submitted, null, 2, submitted, t, 1)).isTrue();
        ObjectNode spaced = payload();
        spaced.put("updated_at", "2026-11-30 10:00:00+00");
        assertThat(ResultPayload.read(Json.write(spaced), null).updatedAt()).isEqualTo(t);
    }

    @Test
    void theApplicationIsSplitAtTheFirstColon() {
        ResultPayload read = ResultPayload.read(Json.write(payload()), null);
        assertThat(read.application()).containsExactly("greenhouse", "12:34");
        ObjectNode none = payload();
        none.put("candidate_external_id", "no-colon");
        assertThat(ResultPayload.read(Json.write(none), null).application()).isNull();
        none.remove("candidate_external_id");
        assertThat(ResultPayload.read(Json.write(none), null).application()).isNull();
    }
}
