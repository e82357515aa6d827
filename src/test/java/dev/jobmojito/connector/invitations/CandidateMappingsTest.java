package dev.jobmojito.connector.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.TestLedgers;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundled candidate mappings ({@code mappings/candidates/}) on their invented fixtures
 * ({@code samples/candidates/<ats>/}, each in its ATS's documented shape), through the shipped invitation path:
 * which records are invited, with which external_id, to which posting's interview; and the drop folder's file
 * rules (quarantine with the reason) for files of applications.
 */
class CandidateMappingsTest {

    private final DataSource database = TestLedgers.h2();
    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private InvitationHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
        jobMojito.close();
    }

    private void drop(String ats, String file) throws Exception {
        if (harness == null) {
            harness = new InvitationHarness(database, jobMojito, InvitationHarness.settings());
        }
        harness.drop(ats + "/" + file, Files.readString(Path.of("samples/candidates", ats, file)));
    }

    @Test
    void everyCandidateMappingLoadsAsTheSecondKindOfMappingFile() throws Exception {
        MappingLoader loader = MappingLoader.ofKind(name -> null, Invitations.FIELDS, Invitations.REQUIRED);
        try (Stream<Path> files = Files.list(Path.of("mappings/candidates"))) {
            assertThat(files.map(file -> loader.load(file).name()).sorted())
                    .containsExactly("csv", "greenhouse", "lever", "workable");
        }
    }

    @Test
    void aCandidateMappingSaysWhatItLacksOrGetsWrongWithItsLine() {
        MappingException failure = org.junit.jupiter.api.Assertions.assertThrows(MappingException.class, () ->
                MappingLoader.ofKind(name -> null, Invitations.FIELDS, Invitations.REQUIRED).load("x", "x.yaml",
                        new StringReader("fields:\n  application_id: $.id\n  emial: $.email\nquestions: [a]\n")));
        assertThat(failure.getMessage()).contains("x.yaml:3: unknown key \"emial\" in fields; did you mean \"email\"?",
                "x.yaml:4: unknown key \"questions\"", "no rule for \"posting\"", "no rule for \"name\"");
    }

    @Test
    void csvRowsAtTheStageAreInvitedAndTheOthersReportedWithTheReason() throws Exception {
        InvitationHarness.postingWithInterview(database, jobMojito, "csv", "JM-1001");
        InvitationHarness.postingWithInterview(database, jobMojito, "csv", "JM-1002");

        drop("csv", "applications.csv");

        assertThat(harness.results).extracting(r -> r.status(), JobResult::code).containsExactlyInAnyOrder(
                tuple(JobStatus.INVITED, "APP-20931"), tuple(JobStatus.SKIPPED, "APP-20932"),
                tuple(JobStatus.INVITED, "APP-20933"), tuple(JobStatus.WAITING, "APP-20934"));
        // send_email differs, so APP-20933 goes in a call of its own
        assertThat(harness.registerCalls()).containsExactlyInAnyOrder(List.of("csv:APP-20931"),
                List.of("csv:APP-20933"));
        assertThat(jobMojito.sandbox().registrations()).extracting(u -> u.path("external_id").asText(),
                        u -> u.path("name").asText(), u -> u.path("send_email").asBoolean())
                .containsExactlyInAnyOrder(tuple("csv:APP-20931", "Lena Vogt", true),
                        tuple("csv:APP-20933", "Priya Natarajan", false));
    }

    @Test
    void greenhouseCandidatesFirstApplicationIsInvitedByItsJobsInternalId() throws Exception {
        InvitationHarness.postingWithInterview(database, jobMojito, "greenhouse", "3900101");

        drop("greenhouse", "candidates.json");

        assertThat(harness.results).extracting(r -> r.status(), JobResult::code).containsExactlyInAnyOrder(
                tuple(JobStatus.INVITED, "71230001"), tuple(JobStatus.SKIPPED, "71230002"));
        assertThat(jobMojito.sandbox().registrations()).singleElement().satisfies(user -> {
            assertThat(user.path("external_id").asText()).isEqualTo("greenhouse:71230001");
            assertThat(user.path("email").asText()).as("the personal address").isEqualTo("aiko.tanabe@example.net");
        });
    }

    @Test
    void workableCandidatesAtTheStageAndNotDisqualifiedAreInvited() throws Exception {
        InvitationHarness.postingWithInterview(database, jobMojito, "workable", "8F3A2C1D9B");

        drop("workable", "candidates.json");

        assertThat(harness.results).extracting(r -> r.status(), JobResult::code, r -> r.errors())
                .containsExactlyInAnyOrder(tuple(JobStatus.INVITED, "ce4f21a0", List.of()),
                        tuple(JobStatus.SKIPPED, "ce4f21a1", List.of("the candidate is disqualified")));
        assertThat(harness.registerCalls()).containsExactly(List.of("workable:ce4f21a0"));
    }

    @Test
    void aFileThatCannotBeReadOrHasNoCandidateMappingIsQuarantinedWithTheReason() throws Exception {
        harness = new InvitationHarness(database, jobMojito, InvitationHarness.settings());

        harness.drop("lever/broken.json", "{\"data\": [ {\"id\": \"x\"");
        harness.drop("bamboohr/applicants.json", "[]");

        assertThat(harness.results).extracting(JobResult::status).containsOnly(JobStatus.FAILED);
        assertThat(harness.results).extracting(r -> String.join(" ", r.errors())).satisfiesExactly(
                broken -> assertThat(broken).startsWith("lever/broken.json: "),
                unknown -> assertThat(unknown).contains("bamboohr/applicants.json", "no mapping named \"bamboohr\""));
        assertThat(harness.registerCalls()).isEmpty();
    }
}
