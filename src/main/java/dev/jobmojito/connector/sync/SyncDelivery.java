package dev.jobmojito.connector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CallOutcome;
import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.results.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps JobMojito in step with the ATS, one posting at a time: a posting becomes exactly one interview, is
 * updated in place when it changes, is left alone when it doesn't, and is closed when it leaves the ATS.
 *
 * <p>JobMojito has no idempotency key and does not deduplicate by {@code code}, so a create is recorded as in
 * flight before it is sent. If its answer is lost (timeout, reset, crash), the next attempt first looks for an
 * interview with the posting's code and adopts it instead of creating a second one.
 */
public final class SyncDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SyncDelivery.class);
    /** Fields {@code job-interview-update} never changes (welcome and thank-you steps, instructional video). */
    private static final Set<String> NOT_UPDATABLE = Set.of("welcome_message", "thank_you_message",
            "instructional_video", "instructional_video_custom_text");

    private final Ledger ledger;
    private final JobMojitoClient client;
    private final SyncPolicy policy;
    private final ConnectorMetrics metrics;
    private final Clock clock;

    public SyncDelivery(Ledger ledger, JobMojitoClient client, SyncPolicy policy, ConnectorMetrics metrics,
                        Clock clock) {
        this.ledger = ledger;
        this.client = client;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Brings one posting into JobMojito. Throws what the client throws when a call should be retried (the
     * ledger then says what is in flight, and the retry picks up from there) or when the token is refused.
     */
    public SyncOutcome deliver(String source, MappedJob job) {
        ObjectNode request = job.request();
        String json = Json.write(request);
        String hash = sha256(json);
        String code = job.code();
        if (code == null || code.isBlank()) {
            // nothing to recognise the posting by next time: sent as is, never deduplicated
            return fromCreate(client.create(request), "no code: this posting is not tracked, every run creates it");
        }
        String key = Ledger.key(source, code);
        Optional<LedgerEntry> unchanged = ledger.findUnchanged(source, key, hash);
        if (unchanged.isPresent()) {
            // the common case of a re-sync, known from the ledger's read-ahead: no claim, no query of its own
            ledger.recordSeen(key, clock.instant());
            return skippedUnchanged(unchanged.get());
        }
        return ledger.claimed(key, () -> sync(source, code, key, job, json, hash));
    }

    private SyncOutcome sync(String source, String code, String key, MappedJob job, String json, String hash) {
        Optional<LedgerEntry> found = ledger.find(key);
        if (found.isEmpty()) {
            return create(source, code, key, job, json, hash, true);
        }
        LedgerEntry entry = found.get();
        String adoptedNote = null;
        if (entry.status() == LedgerStatus.IN_FLIGHT) {
            Optional<String> existing = client.findByCode(entry.name() == null ? job.name() : entry.name(), code,
                    entry.inFlightSince());
            metrics.reconciliation(existing.isPresent());
            if (existing.isEmpty()) {
                return create(source, code, key, job, json, hash, false);
            }
            // the earlier create reached JobMojito though its answer was lost: that interview is the posting's
            LOG.info("Adopted interview {} for {}: an earlier create of it got no answer", existing.get(), key);
            ledger.recordCreated(key, existing.get(), entry.name(), entry.contentHash(), entry.requestJson(),
                    clock.instant());
            entry = ledger.find(key).orElseThrow();
            adoptedNote = "adopted interview " + existing.get() + ", created by an earlier attempt whose answer was lost";
            if (hash.equals(entry.contentHash())) {
                return new SyncOutcome(JobStatus.CREATED, entry.interviewId(), null, null, adoptedNote);
            }
        }
        if (hash.equals(entry.contentHash())) {
            if (entry.status() == LedgerStatus.CLOSED) {
                return reopen(key, entry, job, json, hash);
            }
            ledger.recordSeen(key, clock.instant());
            return skippedUnchanged(entry);
        }
        return switch (policy.onChange()) {
            case SKIP -> {
                ledger.recordSeen(key, clock.instant());
                yield new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null, "changed in the ATS but "
                        + "not sent: CONNECTOR_SYNC_ON_CHANGE=skip (interview " + entry.interviewId() + ")");
            }
            case CREATE -> create(source, code, key, job, json, hash, false);
            case UPDATE -> update(key, entry, job, json, hash, adoptedNote);
        };
    }

    private static SyncOutcome skippedUnchanged(LedgerEntry entry) {
        return new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null,
                "unchanged since " + entry.updatedAt() + " (interview " + entry.interviewId() + ")");
    }

    /** @param firstTime the ledger has no entry for the posting (under its lock): insert rather than update */
    private SyncOutcome create(String source, String code, String key, MappedJob job, String json, String hash,
                               boolean firstTime) {
        if (firstTime) {
            ledger.insertInFlight(source, code, job.name(), hash, json, clock.instant());
        } else {
            ledger.markInFlight(source, code, job.name(), hash, json, clock.instant());
        }
        CallOutcome outcome;
        try {
            outcome = client.create(job.request());
        } catch (JobMojitoClient.CallFailedException failure) {
            if (failure.neverSent()) {
                ledger.clearInFlight(key);
            }
            throw failure;
        } catch (RuntimeException failure) {
            // a 5xx or a 200 without id may still have created it: the entry stays in flight for reconciliation
            throw failure;
        }
        if (outcome.accepted()) {
            // the request, its hash and name went in with the in-flight mark: only the answer is new
            ledger.recordCreatedFromInFlight(key, outcome.interviewId(), clock.instant());
        } else {
            ledger.clearInFlight(key);
        }
        return fromCreate(outcome, null);
    }

    private SyncOutcome update(String key, LedgerEntry entry, MappedJob job, String json, String hash,
                               String adoptedNote) {
        JsonNode before = parse(entry.requestJson());
        ObjectNode changes = changes(before, job.request());
        JsonNode oldLanguage = before.get("mojito_language_code");
        if (changes.has("mojito_language_code") && oldLanguage != null) {
            return new SyncOutcome(JobStatus.REJECTED, entry.interviewId(), null, null, "the interview language "
                    + "changed from " + oldLanguage.asText() + " to " + job.request().path("mojito_language_code")
                    .asText() + ", which JobMojito cannot change in place: set CONNECTOR_SYNC_ON_CHANGE=create to make"
                    + " a new interview (interview " + entry.interviewId() + " is left as it is)");
        }
        if (changes.isEmpty()) {
            ledger.recordUpdated(key, entry.interviewId(), job.name(), hash, json, clock.instant());
            return new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null,
                    "nothing JobMojito can update changed (interview " + entry.interviewId() + ")");
        }
        CallOutcome outcome = client.update(entry.interviewId(), changes);
        if (!outcome.accepted()) {
            return new SyncOutcome(JobStatus.REJECTED, entry.interviewId(), outcome.apiError(), outcome.httpStatus(),
                    null);
        }
        ledger.recordUpdated(key, entry.interviewId(), job.name(), hash, json, clock.instant());
        List<String> names = new ArrayList<>();
        changes.fieldNames().forEachRemaining(names::add);
        String note = "updated " + String.join(", ", names);
        return new SyncOutcome(JobStatus.UPDATED, entry.interviewId(), null, outcome.httpStatus(),
                adoptedNote == null ? note : adoptedNote + "; " + note);
    }

    /** A posting closed earlier is back in the ATS, unchanged: its interview takes the status the mapping says. */
    private SyncOutcome reopen(String key, LedgerEntry entry, MappedJob job, String json, String hash) {
        String status = job.request().path("status").asText("draft");
        CallOutcome outcome = client.setState(entry.interviewId(), status);
        if (!outcome.accepted()) {
            return new SyncOutcome(JobStatus.REJECTED, entry.interviewId(), outcome.apiError(), outcome.httpStatus(),
                    null);
        }
        ledger.recordUpdated(key, entry.interviewId(), job.name(), hash, json, clock.instant());
        return new SyncOutcome(JobStatus.UPDATED, entry.interviewId(), null, outcome.httpStatus(),
                "back in the ATS: interview set to " + status);
    }

    /** Notes that a posting is still in the ATS though it was not sent (rejected by validation, say). */
    public void seen(String source, String code) {
        if (code != null && !code.isBlank()) {
            ledger.recordSeen(Ledger.key(source, code), clock.instant());
        }
    }

    /**
     * Closes the postings of a source that a complete poll no longer holds: kept, or archived in JobMojito, as
     * the close policy says. Only ever called after a complete, successful poll.
     *
     * @param since when the poll started: postings not seen since then have left the ATS
     */
    public List<Closed> closeMissing(String source, Instant since) {
        List<Closed> closed = new ArrayList<>();
        for (LedgerEntry entry : ledger.openNotSeenSince(source, since)) {
            if (policy.onClose() == SyncPolicy.OnClose.ARCHIVE) {
                CallOutcome outcome = client.setState(entry.interviewId(), "archived");
                if (!outcome.accepted()) {
                    closed.add(new Closed(entry, new SyncOutcome(JobStatus.REJECTED, entry.interviewId(),
                            outcome.apiError(), outcome.httpStatus(), "no longer in the ATS, but archiving failed")));
                    continue;
                }
                ledger.recordClosed(entry.key(), clock.instant());
                closed.add(new Closed(entry, new SyncOutcome(JobStatus.CLOSED, entry.interviewId(), null,
                        outcome.httpStatus(), "no longer in the ATS: interview archived")));
            } else {
                ledger.recordClosed(entry.key(), clock.instant());
                closed.add(new Closed(entry, new SyncOutcome(JobStatus.CLOSED, entry.interviewId(), null, null,
                        "no longer in the ATS: interview kept (CONNECTOR_SYNC_ON_CLOSE=keep)")));
            }
        }
        return closed;
    }

    /** A posting closed by {@link #closeMissing}. */
    public record Closed(LedgerEntry entry, SyncOutcome outcome) {
    }

    /** The fields whose value differs; a field the new request no longer has is cleared with null. */
    static ObjectNode changes(JsonNode before, ObjectNode after) {
        ObjectNode changes = Json.object();
        Iterator<String> names = after.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!NOT_UPDATABLE.contains(name) && !after.get(name).equals(before.get(name))) {
                changes.set(name, after.get(name));
            }
        }
        before.fieldNames().forEachRemaining(name -> {
            if (!after.has(name) && !NOT_UPDATABLE.contains(name) && !name.equals("questions")) {
                changes.putNull(name);
            }
        });
        return changes;
    }

    private static SyncOutcome fromCreate(CallOutcome outcome, String note) {
        return outcome.accepted()
                ? new SyncOutcome(JobStatus.CREATED, outcome.interviewId(), null, outcome.httpStatus(), note)
                : new SyncOutcome(JobStatus.REJECTED, null, outcome.apiError(), outcome.httpStatus(), note);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? Json.object() : Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
