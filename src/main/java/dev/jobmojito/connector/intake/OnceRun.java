package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.results.JsonLinesResults;
import dev.jobmojito.connector.results.RunSummary;
import dev.jobmojito.connector.results.WebhookSender;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once mode: lets every intake route (routes in group {@code intake}) drain what is waiting, stops them, prints
 * the run summary and decides the exit code: 0 when every job was created, updated or skipped; 1 when a job
 * was rejected or failed, a file was quarantined or left behind, or a source could not be read.
 */
public final class OnceRun {

    private static final Logger LOG = LoggerFactory.getLogger(OnceRun.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    /** How often a run that is still reading says in the log what it waits for. */
    private static final Duration STILL_WAITING_EVERY = Duration.ofSeconds(10);

    private final CamelContext camel;
    private final DrainTracker drain;
    private final IntakeGate gate;
    private final RunSummary summary;
    private static final Duration WEBHOOK_PATIENCE = Duration.ofSeconds(30);

    private final JsonLinesResults results;
    private final WebhookSender webhook;
    private final PrintStream out;
    private final List<AwaitedWork> awaited;
    private volatile int exitCode = -1;

    /** @param webhook the results webhook sender, or null when no webhook is set */
    public OnceRun(CamelContext camel, DrainTracker drain, IntakeGate gate, RunSummary summary,
                   JsonLinesResults results, WebhookSender webhook, PrintStream out) {
        this(camel, drain, gate, summary, results, webhook, out, List.of());
    }

    /**
     * @param webhook the results webhook sender, or null when no webhook is set
     * @param awaited work waited for after intake and before the summary (the interview results a run receives)
     */
    public OnceRun(CamelContext camel, DrainTracker drain, IntakeGate gate, RunSummary summary,
                   JsonLinesResults results, WebhookSender webhook, PrintStream out, List<AwaitedWork> awaited) {
        this.awaited = List.copyOf(awaited);
        this.camel = camel;
        this.drain = drain;
        this.gate = gate;
        this.summary = summary;
        this.results = results;
        this.webhook = webhook;
        this.out = out;
    }

    public int run() throws Exception {
        // intake routes that are on (an SFTP route without a host, a poll without an account, are not)
        List<String> intake = camel.getRoutes().stream().filter(r -> "intake".equals(r.getGroup()))
                .map(Route::getRouteId)
                .filter(id -> camel.getRouteController().getRouteStatus(id).isStarted())
                .toList();
        if (intake.isEmpty()) {
            LOG.warn("No intake route is configured (routes in group \"intake\"): nothing to do");
        }
        long nextReport = System.nanoTime() + STILL_WAITING_EVERY.toNanos();
        while (!gate.paused() && !intake.stream().allMatch(this::finished)) {
            Thread.sleep(CHECK_EVERY.toMillis());
            if (System.nanoTime() > nextReport) {
                nextReport = System.nanoTime() + STILL_WAITING_EVERY.toNanos();
                LOG.info("Once mode waits for its sources to be read: {}", intake.stream()
                        .filter(route -> !finished(route))
                        .map(route -> route + " (" + (drain.settled(route) ? "read" : "reading") + ", "
                                + camel.getInflightRepository().size(route) + " in flight)")
                        .toList());
            }
        }
        for (String route : intake) {
            camel.getRouteController().stopRoute(route);
        }
        Map<String, String> failures = drain.failures();
        failures.forEach((route, reason) -> out.println("Source " + route + " could not be read: " + reason));
        if (gate.paused()) {
            out.println("Stopped early: " + gate.reason());
        }
        boolean awaitedDone = true;
        for (AwaitedWork work : awaited) {
            awaitedDone &= await(work);
        }
        out.println("Run summary: " + summary);
        out.println("Results: " + results.currentFile());
        if (webhook != null) {
            waitForWebhook();
        }
        exitCode = summary.clean() && failures.isEmpty() && !gate.paused() && awaitedDone ? 0 : 1;
        return exitCode;
    }

    /**
     * A route is finished when its source is drained and nothing it took is still being handled. Both are
     * needed: files are handled asynchronously, so the folder is polled again (and found empty) while a large
     * file is still being sent; stopping then would leave it to the graceful-shutdown timeout.
     */
    private boolean finished(String route) {
        return drain.settled(route) && camel.getInflightRepository().size(route) == 0;
    }

    /**
     * Waits, at most the work's patience, until nothing of it is outstanding (the routes that do it keep running
     * while intake is stopped). True when it was all done.
     */
    private boolean await(AwaitedWork work) throws InterruptedException {
        long outstanding = work.outstanding();
        if (outstanding == 0) {
            return true;
        }
        out.println(work.waiting(outstanding));
        long deadline = System.nanoTime() + work.patience().toNanos();
        while ((outstanding = work.outstanding()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        if (outstanding > 0) {
            out.println(work.left(outstanding));
            return false;
        }
        return true;
    }

    /** Gives the webhook a bounded while to deliver this run's results; what is left waits for the next run. */
    private void waitForWebhook() throws InterruptedException {
        long deadline = System.nanoTime() + WEBHOOK_PATIENCE.toNanos();
        // the webhook's own route keeps delivering (a round every second) while intake is stopped
        while (webhook.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(CHECK_EVERY.toMillis());
        }
        long left = webhook.pending();
        if (left > 0) {
            out.println("Webhook: " + left + " results could not be delivered yet; they wait in the ledger database"
                    + " and are sent by the next run (or by another replica)");
        }
    }

    /** The exit code of the run, or -1 while it is still going. */
    public int exitCode() {
        return exitCode;
    }
}
