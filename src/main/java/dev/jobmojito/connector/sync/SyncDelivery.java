package dev.jobmojito.connector.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CallOutcome;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
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
 * updated in place when it changes, is left alone when it doesn't, and is closed when it leaves the ATS. Each
 * posting is a conversation ({@link PostingSync}) that the job path's route carries out: {@link #start}, then
 * {@link #answered} for every call the route makes, then {@link #end}. Nothing here sends.
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
     * The outcome of a posting sent before with exactly this request and whose interview is open: skipped as
     * unchanged, decided from the ledger's read-ahead without a claim, a query or a write (see
     * {@link Ledger#findUnchanged}). Empty when the posting needs {@link #start}: unknown, changed, closed, in
     * flight, written since the read-ahead, or without a code.
     *
     * @param source the ledger source (the mapping's {@code source})
     */
    public Optional<SyncOutcome> unchanged(String source, MappedJob job) {
        return unchanged(source, job, null);
    }

    /**
     * {@link #unchanged(String, MappedJob)}, and when the posting is unchanged, notes that its record has this
     * fingerprint ({@link Ledger#noteFingerprint}), so that the next re-sync knows it by
     * {@link #unchangedRecord} without mapping it.
     *
     * @param fingerprint the record's {@link dev.jobmojito.connector.mapping.Mapping#fingerprint}, or null
     */
    public Optional<SyncOutcome> unchanged(String source, MappedJob job, String fingerprint) {
        String code = job.code();
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String hash = sha256(Json.write(job.request()));
        Optional<LedgerEntry> entry = ledger.findUnchanged(source, Ledger.key(source, code), hash);
        if (entry.isPresent() && fingerprint != null) {
            ledger.noteFingerprint(source, entry.get().key(), fingerprint, hash);
        }
        return entry.map(SyncDelivery::skippedUnchanged);
    }

    /**
     * A posting known unchanged by its record alone: the ledger noted this record fingerprint for an open
     * interview whose request has not changed since ({@link Ledger#findUnchangedRecord}). Same outcome as
     * {@link #unchanged}, without mapping the record.
     *
     * @param source      the ledger source
     * @param fingerprint the record's {@link dev.jobmojito.connector.mapping.Mapping#fingerprint}
     * @return the posting's code and name as last sent, and its outcome (skipped); empty when it must be mapped
     */
    public Optional<KnownPosting> unchangedRecord(String source, String fingerprint) {
        return ledger.findUnchangedRecord(source, fingerprint)
                .map(entry -> new KnownPosting(entry.code(), entry.name(), skippedUnchanged(entry)));
    }

    /** A posting known unchanged from its record's fingerprint: its code, its name as last sent, its outcome. */
    public record KnownPosting(String code, String name, SyncOutcome outcome) {
    }

    /**
     * Starts one posting's sync: what it needs is decided from the ledger (nothing for an unchanged posting; a
     * create, an update, a reopen, or first a search for the interview an unanswered create may have made). Unless
     * the outcome is known at once, the posting's claim is taken ({@link Ledger#claim}) and held until
     * {@link #end}; a create is marked in flight in the ledger before its call is returned.
     *
     * @param source the ledger source (the mapping's {@code source})
     * @return the conversation: its first call, or its outcome
     * @throws org.springframework.dao.DataAccessException when the ledger cannot be read or written
     */
    public PostingSync start(String source, MappedJob job) {
        ObjectNode request = job.request();
        String json = Json.write(request);
        String hash = sha256(json);
        String code = job.code();
        PostingSync sync = new PostingSync(source, job, json, hash,
                code == null || code.isBlank() ? null : Ledger.key(source, code));
        if (sync.key == null) {
            // nothing to recognise the posting by next time: sent as is, never deduplicated
            sync.next(PostingSync.Step.CREATE_UNTRACKED, client.create(request));
            return sync;
        }
        Optional<LedgerEntry> unchanged = ledger.findUnchanged(source, sync.key, hash);
        if (unchanged.isPresent()) {
            // the common case of a re-sync, known from the ledger's read-ahead: no claim, no query, no write
            sync.done(skippedUnchanged(unchanged.get()));
            return sync;
        }
        sync.claim = ledger.claim(sync.key);
        try {
            Optional<LedgerEntry> found = ledger.find(sync.key);
            if (found.isEmpty()) {
                create(sync, true);
                return sync;
            }
            LedgerEntry entry = found.get();
            sync.entry = entry;
            if (entry.status() == LedgerStatus.IN_FLIGHT) {
                // an earlier create got no answer: look for the interview it may have made before sending another
                sync.findName = entry.name() == null ? job.name() : entry.name();
                sync.findSince = entry.inFlightSince();
                sync.findOffset = 0;
                sync.next(PostingSync.Step.FIND_LIST, client.listInterviews(sync.findName, 0));
                return sync;
            }
            decide(sync, entry);
            return sync;
        } catch (RuntimeException failure) {
            // the conversation never reached the route: nobody else would release its claim
            end(sync, failure);
            throw failure;
        }
    }

    /**
     * Takes JobMojito's answer to the conversation's call: records what it says in the ledger and sets the next
     * call, or the outcome.
     *
     * @throws dev.jobmojito.connector.jobmojito.RetryableCallException when the answer is worth another try of the
     *         whole sync (the ledger says what is in flight, and {@link #start} picks up from there)
     * @throws dev.jobmojito.connector.jobmojito.TokenRefusedException   when JobMojito refused the token
     */
    public PostingSync answered(PostingSync sync, HttpAnswer answer) {
        switch (sync.step) {
            case CREATE_UNTRACKED -> sync.done(fromCreate(client.created(answer),
                    "no code: this posting is not tracked, every run creates it"));
            case CREATE -> {
                // a 5xx or a 200 without id may still have created it: the entry stays in flight (exception)
                CallOutcome outcome = client.created(answer);
                if (outcome.accepted()) {
                    // the request, its hash and name went in with the in-flight mark: only the answer is new
                    ledger.deferCreated(sync.key, outcome.interviewId(), clock.instant());
                } else {
                    ledger.clearInFlight(sync.key);
                }
                sync.done(fromCreate(outcome, null));
            }
            case FIND_LIST -> {
                JobMojitoClient.InterviewPage page = client.listed(answer, sync.findSince);
                sync.findCandidates.addAll(page.candidates());
                sync.findMore = page.more();
                nextCandidate(sync);
            }
            case FIND_GET -> {
                if (sync.job.code().equals(client.codeOf(sync.findCandidate, answer))) {
                    adopt(sync, sync.findCandidate);
                } else {
                    nextCandidate(sync);
                }
            }
            case UPDATE -> changed(sync, answer, "updated " + String.join(", ", sync.updated));
            case REOPEN -> changed(sync, answer,
                    "back in the ATS: interview set to " + sync.job.request().path("status").asText("draft"));
            case DONE -> throw new IllegalStateException("no call was made for " + sync.key + ": its outcome is known");
        }
        return sync;
    }

    /** The answer to an update or a reopen: recorded when accepted, with the note. */
    private void changed(PostingSync sync, HttpAnswer answer, String note) {
        CallOutcome outcome = client.changed(sync.entry.interviewId(), answer);
        if (!outcome.accepted()) {
            sync.done(rejected(sync.entry, outcome));
            return;
        }
        ledger.recordUpdated(sync.key, sync.entry.interviewId(), sync.job.name(), sync.hash, sync.json,
                clock.instant());
        sync.done(new SyncOutcome(JobStatus.UPDATED, sync.entry.interviewId(), null, outcome.httpStatus(),
                sync.adoptedNote == null ? note : sync.adoptedNote + "; " + note));
    }

    /**
     * Ends a conversation, finished or not: releases the posting's claim. When it ended because the create's
     * connection could never be made, the request certainly did not reach JobMojito, and its in-flight mark is
     * removed so the next try creates without searching first.
     *
     * @param failure what ended it early, or null
     */
    public void end(PostingSync sync, Exception failure) {
        if (sync == null) {
            return;
        }
        try {
            if (sync.step == PostingSync.Step.CREATE && failure instanceof JobMojitoClient.CallFailedException failed
                    && failed.neverSent()) {
                ledger.clearInFlight(sync.key);
            }
        } finally {
            if (sync.claim != null) {
                sync.claim.close();
                sync.claim = null;
            }
        }
    }

    /** The next interview of the search to read, the next page, or: not found, so create. */
    private void nextCandidate(PostingSync sync) {
        if (!sync.findCandidates.isEmpty()) {
            sync.findCandidate = sync.findCandidates.poll();
            sync.next(PostingSync.Step.FIND_GET, client.getInterview(sync.findCandidate));
        } else if (sync.findMore) {
            sync.findOffset += JobMojitoClient.LIST_PAGE;
            sync.next(PostingSync.Step.FIND_LIST, client.listInterviews(sync.findName, sync.findOffset));
        } else {
            metrics.reconciliation(false);
            create(sync, false);
        }
    }

    /** The earlier create reached JobMojito though its answer was lost: that interview is the posting's. */
    private void adopt(PostingSync sync, String interviewId) {
        metrics.reconciliation(true);
        LOG.info("Adopted interview {} for {}: an earlier create of it got no answer", interviewId, sync.key);
        LedgerEntry entry = sync.entry;
        ledger.recordCreated(sync.key, interviewId, entry.name(), entry.contentHash(), entry.requestJson(),
                clock.instant());
        entry = ledger.find(sync.key).orElseThrow();
        sync.entry = entry;
        sync.adoptedNote = "adopted interview " + interviewId
                + ", created by an earlier attempt whose answer was lost";
        if (sync.hash.equals(entry.contentHash())) {
            sync.done(new SyncOutcome(JobStatus.CREATED, entry.interviewId(), null, null, sync.adoptedNote));
            return;
        }
        decide(sync, entry);
    }

    /** What a posting with an entry in the ledger needs: nothing, a reopen, an update, or a new interview. */
    private void decide(PostingSync sync, LedgerEntry entry) {
        if (sync.hash.equals(entry.contentHash())) {
            if (entry.status() == LedgerStatus.CLOSED) {
                String status = sync.job.request().path("status").asText("draft");
                sync.next(PostingSync.Step.REOPEN, client.setState(entry.interviewId(), status));
                return;
            }
            sync.done(skippedUnchanged(entry));
            return;
        }
        switch (policy.onChange()) {
            case SKIP -> {
                sync.done(new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null, "changed in the ATS but "
                        + "not sent: CONNECTOR_SYNC_ON_CHANGE=skip (interview " + entry.interviewId() + ")"));
            }
            case CREATE -> create(sync, false);
            case UPDATE -> update(sync, entry);
        }
    }

    private static SyncOutcome skippedUnchanged(LedgerEntry entry) {
        return new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null,
                "unchanged since " + entry.updatedAt() + " (interview " + entry.interviewId() + ")");
    }

    private static SyncOutcome rejected(LedgerEntry entry, CallOutcome outcome) {
        return new SyncOutcome(JobStatus.REJECTED, entry.interviewId(), outcome.apiError(), outcome.httpStatus(),
                null);
    }

    /**
     * Marks the create in flight in the ledger (durably, before it is sent) and sets its call.
     *
     * @param firstTime the ledger has no entry for the posting (under its claim): insert rather than update
     */
    private void create(PostingSync sync, boolean firstTime) {
        String code = sync.job.code();
        if (firstTime) {
            ledger.insertInFlight(sync.source, code, sync.job.name(), sync.hash, sync.json, clock.instant());
        } else {
            ledger.markInFlight(sync.source, code, sync.job.name(), sync.hash, sync.json, clock.instant());
        }
        sync.next(PostingSync.Step.CREATE, client.create(sync.job.request()));
    }

    private void update(PostingSync sync, LedgerEntry entry) {
        JsonNode before = parse(entry.requestJson());
        ObjectNode changes = changes(before, sync.job.request());
        JsonNode oldLanguage = before.get("mojito_language_code");
        if (changes.has("mojito_language_code") && oldLanguage != null) {
            sync.done(new SyncOutcome(JobStatus.REJECTED, entry.interviewId(), null, null, "the interview language "
                    + "changed from " + oldLanguage.asText() + " to " + sync.job.request().path("mojito_language_code")
                    .asText() + ", which JobMojito cannot change in place: set CONNECTOR_SYNC_ON_CHANGE=create to make"
                    + " a new interview (interview " + entry.interviewId() + " is left as it is)"));
            return;
        }
        if (changes.isEmpty()) {
            ledger.recordUpdated(sync.key, entry.interviewId(), sync.job.name(), sync.hash, sync.json,
                    clock.instant());
            sync.done(new SyncOutcome(JobStatus.SKIPPED, entry.interviewId(), null, null,
                    "nothing JobMojito can update changed (interview " + entry.interviewId() + ")"));
            return;
        }
        List<String> names = new ArrayList<>();
        changes.fieldNames().forEachRemaining(names::add);
        sync.updated = names;
        sync.next(PostingSync.Step.UPDATE, client.update(entry.interviewId(), changes));
    }

    /**
     * The postings of a source that a complete poll no longer holds, each to be closed: kept (closed in the
     * ledger at once, no call) or archived in JobMojito (a call to make), as the close policy says. Only ever
     * called after a complete, successful poll.
     *
     * @param held  the codes of the postings the poll held ({@link dev.jobmojito.connector.intake.IntakeBatch#held})
     * @param since when the poll started: an entry written since (by another input of the same source) is left
     *              open, as it may have joined the ATS after the poll read it
     */
    public List<Closing> closing(String source, java.util.Set<String> held, Instant since) {
        List<Closing> closing = new ArrayList<>();
        for (LedgerEntry entry : ledger.open(source)) {
            if (held.contains(entry.code()) || entry.updatedAt() != null && !entry.updatedAt().isBefore(since)) {
                continue;
            }
            Closing one = new Closing(entry);
            if (policy.onClose() == SyncPolicy.OnClose.ARCHIVE) {
                one.call = client.setState(entry.interviewId(), "archived");
            } else {
                ledger.recordClosed(entry.key(), clock.instant());
                one.outcome = new SyncOutcome(JobStatus.CLOSED, entry.interviewId(), null, null,
                        "no longer in the ATS: interview kept (CONNECTOR_SYNC_ON_CLOSE=keep)");
            }
            closing.add(one);
        }
        return closing;
    }

    /**
     * JobMojito's answer to a {@link Closing}'s archive call (null: the call failed, {@code failure} says how):
     * closed in the ledger when accepted; otherwise the posting stays open and the next complete poll tries again.
     */
    public Closing closed(Closing closing, HttpAnswer answer, Exception failure) {
        LedgerEntry entry = closing.entry;
        closing.call = null;
        CallOutcome outcome = null;
        String why = null;
        try {
            if (answer != null) {
                outcome = client.changed(entry.interviewId(), answer);
            } else {
                why = failure == null ? "no answer" : failure.getMessage();
            }
        } catch (RuntimeException notFinal) {
            why = notFinal.getMessage();
        }
        if (outcome != null && outcome.accepted()) {
            ledger.recordClosed(entry.key(), clock.instant());
            closing.outcome = new SyncOutcome(JobStatus.CLOSED, entry.interviewId(), null, outcome.httpStatus(),
                    "no longer in the ATS: interview archived");
        } else {
            closing.outcome = new SyncOutcome(JobStatus.REJECTED, entry.interviewId(),
                    outcome == null ? null : outcome.apiError(), outcome == null ? null : outcome.httpStatus(),
                    "no longer in the ATS, but archiving failed" + (why == null ? "" : ": " + why)
                            + "; tried again after the next complete poll");
        }
        return closing;
    }

    /** A posting that left the ATS, on its way to being closed: the call to make (or null), then the outcome. */
    public static final class Closing {
        private final LedgerEntry entry;
        private JobMojitoClient.Call call;
        private SyncOutcome outcome;

        Closing(LedgerEntry entry) {
            this.entry = entry;
        }

        public LedgerEntry entry() {
            return entry;
        }

        /** The archive call to make, or null when the outcome is known. */
        public JobMojitoClient.Call call() {
            return call;
        }

        /** The outcome once known, else null. */
        public SyncOutcome outcome() {
            return outcome;
        }
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
