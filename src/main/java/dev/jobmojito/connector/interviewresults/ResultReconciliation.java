package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation: missed webhook deliveries found by asking {@code GET /merchant-result-list}
 * ({@code ../shared/jobmojito-api.md} §4 "Results") for the results updated since a stored watermark, page after
 * page, each stored through the same deduplication as a webhook ({@link ReceivedResults#store}): a result
 * already received is a duplicate and nothing more.
 *
 * <p>Each pass is a {@link Pass} that the {@code interview-results-reconcile} route steps through: it says the
 * call to make ({@link Pass#call()}) until it has read the last page; {@link #end} then moves the watermark to
 * when the pass started, less {@link #OVERLAP} (the overlap costs duplicates, never a miss). A pass cut short
 * (a failed call, {@code reconcileMaxPages} reached) leaves the watermark where it was.
 *
 * <p>[UNCERTAIN] The API documents the list's filters but no "updated since" filter and no order. The pass
 * asks {@code order_by=updated_at}, reads {@code data[]} and {@code pagination.has_more} (the shape of the
 * other list endpoints), keeps the items updated at or after the watermark (items without {@code updated_at}
 * are kept too), and stops early only at a page whose every item says it was updated before the watermark.
 */
public final class ResultReconciliation {

    private static final Logger LOG = LoggerFactory.getLogger(ResultReconciliation.class);
    /** The watermark's name in {@code interview_result_watermark}. */
    public static final String WATERMARK = "merchant-result-list";
    /** Results per page asked for. */
    public static final int PAGE = 100;
    /** How far before a pass's start the next pass looks again. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final ReceivedResults store;
    private final ResultWebhook webhook;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration lookback;
    private final int maxPages;

    /**
     * @param lookback how far back the first pass looks (no watermark yet)
     * @param maxPages most pages one pass reads
     */
    public ResultReconciliation(ReceivedResults store, ResultWebhook webhook, MeterRegistry meters, Clock clock,
                                Duration lookback, int maxPages) {
        this.store = store;
        this.webhook = webhook;
        this.meters = meters;
        this.clock = clock;
        this.lookback = lookback;
        this.maxPages = maxPages;
    }

    /** One pass: where it started, from which watermark, the page it is at, and what it found. */
    public static final class Pass {
        private final Instant startedAt;
        private final Instant since;
        private int offset;
        private int pages;
        private boolean finished;
        private boolean complete;
        private int found;
        private int stored;

        Pass(Instant startedAt, Instant since) {
            this.startedAt = startedAt;
            this.since = since;
        }

        /** The next call to make, or null when the pass has read what it needs. */
        public JobMojitoClient.Call call() {
            return finished ? null : new JobMojitoClient.Call("GET", "/merchant-result-list",
                    "order_by=updated_at&limit=" + PAGE + "&offset=" + offset, null);
        }

        /** Results read (of the wanted events, updated since the watermark). */
        public int found() {
            return found;
        }

        /** Of those, versions not received before. */
        public int stored() {
            return stored;
        }
    }

    /** Starts a pass from the stored watermark (or the look-back). */
    public Pass start() {
        Instant now = clock.instant();
        return new Pass(now, store.watermark(WATERMARK).orElse(now.minus(lookback)));
    }

    /**
     * Reads one page: stores its results, and says whether there is another.
     *
     * @throws IllegalStateException when JobMojito did not answer 2xx (the pass ends, the watermark stays)
     */
    public Pass page(Pass pass, HttpAnswer answer) {
        if (!answer.ok()) {
            pass.finished = true;
            throw new IllegalStateException("GET /merchant-result-list answered HTTP " + answer.status());
        }
        JsonNode page;
        try {
            page = Json.MAPPER.readTree(answer.body());
        } catch (IOException e) {
            pass.finished = true;
            throw new IllegalStateException("GET /merchant-result-list answered no JSON");
        }
        JsonNode items = page.path("data");
        boolean allOlder = items.size() > 0;
        for (JsonNode item : items) {
            ResultPayload result;
            try {
                result = ResultPayload.of(item, null);
            } catch (IllegalArgumentException unreadable) {
                allOlder = false;
                continue;
            }
            if (result.updatedAt() != null && result.updatedAt().isBefore(pass.since)) {
                continue;
            }
            allOlder = false;
            if (!webhook.wanted(result.event())) {
                continue;
            }
            pass.found++;
            if (store.store(result, "reconciliation") == ReceivedResults.Stored.NEW) {
                pass.stored++;
                Counter.builder("connector.interview.results.received")
                        .description("Interview result deliveries received").tag("outcome", "reconciled")
                        .register(meters).increment();
            }
        }
        pass.pages++;
        pass.offset += PAGE;
        boolean more = page.path("pagination").path("has_more").asBoolean(false) && !items.isEmpty();
        if (!more || allOlder) {
            pass.finished = true;
            pass.complete = true;
        } else if (pass.pages >= maxPages) {
            pass.finished = true;
            LOG.warn("The reconciliation of interview results stopped after {} pages (CONNECTOR_INTERVIEW_RESULTS_"
                    + "RECONCILE_MAX_PAGES); the watermark stays, the next pass reads them again", pass.pages);
        }
        return pass;
    }

    /** Ends a pass: moves the watermark when every page was read, and says what the pass found. */
    public void end(Pass pass) {
        if (pass.complete) {
            store.moveWatermark(WATERMARK, pass.startedAt.minus(OVERLAP));
        }
        if (pass.stored > 0) {
            LOG.info("Reconciliation: {} interview results missed by the webhook were found and stored ({} read)",
                    pass.stored, pass.found);
        }
    }
}
