package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.input.ListRecordStream;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.invitations.InvitationRun;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.poll.AtsPoller;
import dev.jobmojito.connector.poll.PollFailedException;
import dev.jobmojito.connector.poll.PollUrls;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of an application poll cycle, as plain functions the routes call: {@link #start} makes the cycle
 * (asking from the stored watermark), {@link #page} hands each page read to the invitation path as an input,
 * {@link #recorded} takes the page's results in (and, for a poll whose ATS lists by {@code updated_at} ascending,
 * stores the watermark at once), {@link #complete} stores the watermark of a complete cycle, or turns a failed
 * one into its result. Log lines name the poll, the URL (secrets masked) and counts: never a candidate.
 */
public final class ApplicationPoller {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationPoller.class);

    private final MappingRegistry mappings;
    private final PollWatermarks watermarks;
    private final IntakeGate gate;
    private final DrainTracker drain;
    private final Clock clock;

    /**
     * @param mappings   the candidate mappings ({@code mappings/candidates/}) the polls read their pages with
     * @param watermarks the stored watermarks (ledger database)
     */
    public ApplicationPoller(MappingRegistry mappings, PollWatermarks watermarks, IntakeGate gate, DrainTracker drain,
                             Clock clock) {
        this.mappings = mappings;
        this.watermarks = watermarks;
        this.gate = gate;
        this.drain = drain;
        this.clock = clock;
    }

    /**
     * Starts a cycle: the body becomes its {@link ApplicationPollCycle}, or, when it cannot start (no URL, an
     * unknown candidate mapping, a secret that cannot be read, no OAuth token), its failed result. Intake paused:
     * the body is null and nothing happens.
     */
    public void start(ApplicationPoll settings, Exchange exchange) {
        String route = exchange.getFromRouteId();
        exchange.getIn().setBody(null);
        if (gate.paused()) {
            return;
        }
        try {
            if (settings.getUrl().isEmpty()) {
                throw new PollFailedException("the poll has no url");
            }
            Mapping mapping = mappings.get(settings.getMapping());
            Instant from = watermarks.find(route).orElse(null);
            ApplicationPollCycle cycle = new ApplicationPollCycle(route, settings, mapping,
                    AtsPoller.headers(settings), from);
            LOG.debug("Poll {}: asking {} (watermark {})", route, cycle.safeFirstUrl(), from);
            exchange.getIn().setBody(cycle);
        } catch (PollFailedException | MappingException | NumberFormatException e) {
            exchange.getIn().setBody(failed(route, settings, e.getMessage()));
        }
    }

    /** The page just read as an input of the invitation path (its records, read with the candidate mapping). */
    public IntakeBatch page(ApplicationPollCycle cycle) {
        String source = cycle.settings().getSource().isEmpty() ? cycle.mapping().source()
                : cycle.settings().getSource();
        return new IntakeBatch(cycle.route(), cycle.safePageUrl(), cycle.mapping(),
                new ListRecordStream(cycle.page()), gate, source);
    }

    /**
     * The page's applications have their results recorded: the cycle's watermark proposal moves on. A poll whose
     * ATS lists applications by {@code updated_at} ascending ({@code ordered: true}) stores it now, so a cycle
     * cut short keeps what its recorded pages covered; others store it once every page is recorded.
     */
    public void recorded(ApplicationPollCycle cycle, InvitationRun run) {
        cycle.recorded(run.results());
        if (cycle.ordered()) {
            store(cycle);
        }
    }

    /**
     * The cycle ended. Complete: its watermark is stored, and the body becomes null. Failed: nothing is stored
     * (the next cycle asks from the same watermark; applications already invited are skipped by the invitation
     * ledger), and the body becomes the failure's result.
     */
    public JobResult complete(ApplicationPollCycle cycle) {
        if (cycle.failure() != null) {
            if (cycle.settings().getAuth().equalsIgnoreCase("oauth")) {
                cycle.settings().oauth().forget();
            }
            return failed(cycle.route(), cycle.settings(), cycle.failure());
        }
        Instant stored = store(cycle);
        LOG.info("Poll {} cycle done: {} applications in {} pages; watermark {}", cycle.route(),
                cycle.applications(), cycle.pages(), stored);
        return null;
    }


    private Instant store(ApplicationPollCycle cycle) {
        Instant proposal = cycle.proposal();
        if (proposal != null && (cycle.from() == null || proposal.isAfter(cycle.from()))) {
            watermarks.advance(cycle.route(), proposal, clock.instant());
        }
        return watermarks.find(cycle.route()).orElse(null);
    }

    private JobResult failed(String route, ApplicationPoll settings, String reason) {
        drain.cycleFailed(route, reason);
        LOG.error("Poll {} failed: {}. The watermark stays; it is tried again at the next cycle.", route, reason);
        return new JobResult(JobStatus.FAILED, null, null, null,
                List.of("application poll failed: " + reason + " (the watermark stays; tried again at the next "
                        + "cycle)"), new JobSource(route, PollUrls.safe(settings.getUrl()), null, null),
                settings.getMapping(), null, null, 0, clock.instant());
    }
}
