package dev.jobmojito.connector.invitationlinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.invitations.Application;
import dev.jobmojito.connector.invitations.InvitationBatch;
import dev.jobmojito.connector.invitations.InvitationLink;
import dev.jobmojito.connector.invitations.InvitationRun;
import dev.jobmojito.connector.writeback.Writeback;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-backs of an input's new invitations' links, as plain functions: each link becomes an
 * {@link InterviewResult} of event {@value Writeback#LINK_EVENT} for {@code direct:ats-writeback}, keyed so that
 * the write ledger holds one note per application and interview, ever: result id {@code invitation-<interview
 * id>}, version {@code link} (the note's marker line reads {@code [jobmojito-result:invitation-<interview
 * id>:link]}, how Lever's notes are searched after a lost answer).
 *
 * <p>The payload the link mapping reads ({@code $}): {@code interview_url}, {@code interview_id},
 * {@code external_id}, {@code posting_key}, {@code send_email}, {@code is_test}. The candidate's name and email are
 * not in it. A dead letter of such a write keeps no link (the write-back strips {@code interview_url} from letters),
 * so its replay is skipped by the bundled mapping: the link is then read in JobMojito.
 */
public final class InvitationLinks {

    /** The version of every link write: one note per invitation. */
    public static final String VERSION = "link";

    private final boolean enabled;

    /** @param enabled {@code CONNECTOR_INVITATIONS_LINK_WRITEBACK} */
    public InvitationLinks(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The link writes of an input's invitations, in order; none when link write-back is off. */
    public List<InterviewResult> writes(InvitationRun run) {
        List<InterviewResult> writes = new ArrayList<>();
        if (!enabled || run == null) {
            return writes;
        }
        for (InvitationBatch batch : run.batches()) {
            for (InvitationLink link : batch.links()) {
                writes.add(write(link, batch));
            }
        }
        return writes;
    }

    /** One link as the write-back's input. */
    static InterviewResult write(InvitationLink link, InvitationBatch batch) {
        Application application = link.application();
        ObjectNode payload = Json.object();
        payload.put("interview_url", link.link());
        payload.put("interview_id", link.interviewId());
        payload.put("external_id", application.externalId());
        payload.put("posting_key", application.postingKey());
        payload.put("send_email", batch.sendEmail());
        payload.put("is_test", batch.isTest());
        return new InterviewResult("invitation-" + link.interviewId(), VERSION, Writeback.LINK_EVENT,
                link.interviewId(), application.postingKey(), application.source(), application.applicationId(),
                payload);
    }
}
