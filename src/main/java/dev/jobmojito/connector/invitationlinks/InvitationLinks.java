package dev.jobmojito.connector.invitationlinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.invitations.Application;
import dev.jobmojito.connector.invitations.InvitationBatch;
import dev.jobmojito.connector.invitations.InvitationLink;
import dev.jobmojito.connector.invitations.InvitationRun;
import dev.jobmojito.connector.writeback.Writeback;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.intake.AwaitedWork;
import dev.jobmojito.connector.invitations.InvitationLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>Between JobMojito's answer and the note the link is kept with the invitation's row in the invitation ledger
 * (V10, {@code pending_link}, written in the statement that records the row invited): {@link #noted} clears it once
 * the write-back has the note (written, or refused for good); {@link #pending} hands the links an earlier run left
 * (it stopped or died in between) to the same write, so no note is lost and none is written twice (the write
 * ledger). In once mode the run waits, bounded, for those ({@link AwaitedWork}).
 */
public final class InvitationLinks implements AwaitedWork {

    /** The version of every link write: one note per invitation. */
    public static final String VERSION = "link";
    /** A link kept longer than this is taken for left behind, even by a run still going (its write is over). */
    static final Duration LEFT_AFTER = Duration.ofMinutes(2);
    /** Kept links handed to the write per round. */
    static final int ROUND = 100;

    private static final Logger LOG = LoggerFactory.getLogger(InvitationLinks.class);

    private final boolean enabled;
    private final InvitationLedger ledger;
    private final Clock clock;
    private final Instant started;
    private final Duration patience;

    /**
     * @param enabled  {@code CONNECTOR_INVITATIONS_LINK_WRITEBACK}
     * @param ledger   the invitation ledger that keeps the links until noted, or null (then nothing is kept)
     * @param patience how long once mode waits for the links an earlier run left
     */
    public InvitationLinks(boolean enabled, InvitationLedger ledger, Clock clock, Duration patience) {
        this.enabled = enabled;
        this.ledger = ledger;
        this.clock = clock;
        this.started = clock.instant();
        this.patience = patience;
    }

    /** @param enabled {@code CONNECTOR_INVITATIONS_LINK_WRITEBACK}; nothing kept */
    public InvitationLinks(boolean enabled) {
        this(enabled, null, Clock.systemUTC(), Duration.ZERO);
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
                writes.add(write(link, batch.sendEmail(), batch.isTest()));
            }
        }
        return writes;
    }

    /**
     * The link writes an earlier run left kept in the invitation ledger (recorded before this run started, or
     * at least two minutes ago), oldest first, at most {@value #ROUND}; none when off.
     */
    public List<InterviewResult> pending() {
        List<InterviewResult> writes = new ArrayList<>();
        if (!enabled || ledger == null) {
            return writes;
        }
        for (InvitationLedger.PendingLink kept : ledger.pendingLinks(leftBefore(), ROUND)) {
            JsonNode json = json(kept.json());
            Application application = new Application(kept.source(), kept.applicationId(), kept.postingKey(),
                    null, null, null, json.path("send_email").asBoolean(), json.path("is_test").asBoolean(), null,
                    null);
            writes.add(write(new InvitationLink(application, kept.interviewId(), json.path("interview_url").asText()),
                    json.path("send_email").asBoolean(), json.path("is_test").asBoolean()));
        }
        if (!writes.isEmpty()) {
            LOG.info("{} interview link notes left by an earlier run are written now", writes.size());
        }
        return writes;
    }

    /** The write-back has the note of this link write (whatever its outcome): the link is no longer kept. */
    public void noted(InterviewResult write) {
        if (ledger != null) {
            ledger.linkNoted(write.source() + ":" + write.applicationId(), write.interviewId());
        }
    }

    private static JsonNode json(String kept) {
        try {
            return Json.MAPPER.readTree(kept);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a kept interview link is not JSON", e);
        }
    }

    private Instant leftBefore() {
        Instant old = clock.instant().minus(LEFT_AFTER);
        return old.isAfter(started) ? old : started;
    }

    @Override
    public long outstanding() {
        return enabled && ledger != null ? ledger.pendingLinkCount(started) : 0;
    }

    @Override
    public Duration patience() {
        return patience;
    }

    @Override
    public String waiting(long outstanding) {
        return "Waiting up to " + patience.toSeconds() + "s for " + outstanding
                + " interview link notes an earlier run left";
    }

    @Override
    public String left(long outstanding) {
        return outstanding + " interview link notes are not written yet; their links stay kept in the invitation"
                + " ledger and the next run writes them";
    }

    /** One link as the write-back's input. */
    static InterviewResult write(InvitationLink link, boolean sendEmail, boolean isTest) {
        Application application = link.application();
        ObjectNode payload = Json.object();
        payload.put("interview_url", link.link());
        payload.put("interview_id", link.interviewId());
        payload.put("external_id", application.externalId());
        payload.put("posting_key", application.postingKey());
        payload.put("send_email", sendEmail);
        payload.put("is_test", isTest);
        return new InterviewResult("invitation-" + link.interviewId(), VERSION, Writeback.LINK_EVENT,
                link.interviewId(), application.postingKey(), application.source(), application.applicationId(),
                payload);
    }
}
