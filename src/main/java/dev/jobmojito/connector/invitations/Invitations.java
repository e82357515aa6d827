package dev.jobmojito.connector.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.jobmojito.TokenRefusedException;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingFailure;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.sync.LedgerEntry;
import dev.jobmojito.connector.sync.LedgerStatus;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations as plain functions of their inputs: an input's applications planned against the posting ledger
 * and the invitation ledger, the calls built ({@code POST /job-interview-register-users}, {@code GET
 * /merchant-result-list}), and each answer read into one outcome per application. It sends nothing: the route
 * {@code invite-batch} makes the calls through {@code direct:jobmojito-call}.
 *
 * <p>The rules, and where they come from:
 * <ul>
 *   <li>The interview is the posting's ({@code posting_ledger.interview_id}, keyed {@code <posting source>:<job
 *       id>} as postings are). None yet: the application is reported {@code waiting}; it is invited when it is
 *       seen again after the interview exists (the next export or poll that still holds it), or, for an
 *       application poll that creates postings first, once its posting was synced ({@link #replan}).</li>
 *   <li>One invitation per (application, interview), ever: the invitation ledger's row is written in flight
 *       before the call; an application already invited is skipped.</li>
 *   <li>register-users answers 200 with a row per user, {@code result} {@code "ok"} or {@code "Error: ..."}, and
 *       a one-time {@code interview_url} (api doc §4): each row is its own outcome; a row with an error is sent
 *       again alone (up to {@code row-attempts} calls), never the whole batch.</li>
 *   <li>A call whose answer was lost (no answer, 408, 5xx, or a crash before the answer was recorded) leaves its
 *       rows in flight. The next time such an application is seen, the interview's results are listed
 *       ({@code merchant-result-list?interview_id=}, whose rows carry {@code candidate_external_id}, api doc
 *       §4/§5): a result with the application's external_id means the registration happened (recorded invited,
 *       without a link); none means JobMojito cannot tell (a registration may show no result until the candidate
 *       starts), so the application is reported as needing a person and nothing is sent: registering twice may
 *       spend credits twice.</li>
 *   <li>Names, emails and links never reach a log line; result lines carry the link and the personal data only
 *       when configured.</li>
 * </ul>
 */
public final class Invitations {

    /** The fields of a candidate mapping, in the order they are evaluated. */
    public static final List<String> FIELDS = List.of("application_id", "posting", "posting_source", "stage", "name",
            "email", "send_email", "is_test");
    /** The fields every candidate mapping maps. */
    public static final List<String> REQUIRED = List.of("application_id", "posting", "name", "email");

    static final String REGISTER = "/job-interview-register-users";
    static final String RESULT_LIST = "/merchant-result-list";
    /** Results asked for per page when reconciling. */
    static final int LIST_PAGE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(Invitations.class);

    private final InvitationLedger invitations;
    private final Ledger postings;
    private final InvitationProperties settings;
    private final Clock clock;
    private final boolean keepLinks;

    public Invitations(InvitationLedger invitations, Ledger postings, InvitationProperties settings, Clock clock) {
        this(invitations, postings, settings, clock, false);
    }

    /**
     * @param keepLinks {@code CONNECTOR_INVITATIONS_LINK_WRITEBACK}: each new invitation's link is kept in the
     *                  invitation ledger with the row (V10) until its note is written
     */
    public Invitations(InvitationLedger invitations, Ledger postings, InvitationProperties settings, Clock clock,
                       boolean keepLinks) {
        this.invitations = invitations;
        this.postings = postings;
        this.settings = settings;
        this.clock = clock;
        this.keepLinks = keepLinks;
    }

    // ---- planning -----------------------------------------------------------------------------------------

    /**
     * Reads every application of the input and decides what it needs: an outcome at once (skipped by the
     * mapping, refused, waiting for its interview, already invited, needing a person), or a place in the batch of
     * its interview, to be registered, or reconciled first when an earlier call's answer was lost.
     *
     * @param input an opened input (its mapping is a candidate mapping); one that could not be opened has none
     */
    public InvitationRun plan(IntakeBatch input) {
        InvitationRun run = new InvitationRun(input);
        if (input.mapping() == null) {
            return run;
        }
        Map<String, List<InvitationBatch>> batches = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<JobInput> jobs = input.jobs(); jobs.hasNext(); ) {
            JobInput job = jobs.next();
            planOne(job, seen, batches, run);
        }
        batches.values().forEach(run.batches::addAll);
        return run;
    }

    private void planOne(JobInput job, Set<String> seen, Map<String, List<InvitationBatch>> batches,
                         InvitationRun run) {
        Mapping mapping = job.mapping();
        JsonNode record = job.record().node();
        JsonNode document = job.record().document();
        String applicationId = null;
        try {
            if (job.record().problem() != null) {
                run.decided.add(outcome(JobStatus.REJECTED, null, job.source(), mapping.name(), null,
                        List.of(job.record().problem()), null));
                return;
            }
            applicationId = mapping.text("application_id", record, document);
            String skipped = mapping.skipReason(record, document);
            if (skipped != null) {
                run.decided.add(outcome(JobStatus.SKIPPED, applicationId, job.source(), mapping.name(), null,
                        List.of(skipped), null));
                return;
            }
            Application application = application(job, applicationId);
            if (application == null) {
                run.decided.add(outcome(JobStatus.REJECTED, applicationId, job.source(), mapping.name(), null,
                        List.of(missing(job, applicationId)), null));
                return;
            }
            if (!seen.add(application.externalId())) {
                run.decided.add(result(JobStatus.SKIPPED, application, null, List.of("the application appears "
                        + "more than once in this input: invited once"), null, 0, null));
                return;
            }
            Optional<LedgerEntry> posting = postings.find(application.postingKey());
            String interviewId = posting.map(LedgerEntry::interviewId).orElse(null);
            if (posting.isPresent() && posting.get().status() == LedgerStatus.CLOSED) {
                run.decided.add(result(JobStatus.SKIPPED, application, interviewId, List.of("the posting "
                        + application.postingKey() + " left the ATS: no invitation"), null, 0, null));
                return;
            }
            if (interviewId == null) {
                JobResult waiting = waiting(application, posting.isEmpty(), null);
                run.decided.add(waiting);
                run.waiting.put(application, waiting);
                return;
            }
            place(application, interviewId, batches, run);
        } catch (MappingFailure | IllegalArgumentException e) {
            run.decided.add(outcome(JobStatus.REJECTED, applicationId, job.source(), mapping.name(), null,
                    List.of("could not be mapped: " + e.getMessage()), null));
        }
    }

    private JobResult waiting(Application application, boolean unknown, String whyNotCreated) {
        String reason = unknown ? "the posting " + application.postingKey() + " is not in the ledger yet"
                : "the posting " + application.postingKey() + " has no interview yet";
        return result(JobStatus.WAITING, application, null, whyNotCreated == null ? List.of(reason)
                : List.of(reason, "it could not be created first: " + whyNotCreated), null, 0,
                "invited when it is seen again after the posting's interview exists");
    }

    /**
     * Plans again the applications that were {@link InvitationRun#waiting() waiting} for their posting's
     * interview, after their postings were synced first (an application poll with
     * {@code connector.invitations.create-postings}): one whose posting has an interview now goes into a batch
     * (or is skipped when already invited, as in {@link #plan}); the others keep their {@code waiting} result,
     * with the reason their posting was not created when there is one.
     *
     * @return the same run
     */
    public InvitationRun replan(InvitationRun run) {
        if (run.waiting.isEmpty()) {
            return run;
        }
        Map<String, List<InvitationBatch>> batches = new LinkedHashMap<>();
        for (Map.Entry<Application, JobResult> waiting : List.copyOf(run.waiting.entrySet())) {
            Application application = waiting.getKey();
            Optional<LedgerEntry> posting = postings.find(application.postingKey());
            String interviewId = posting.map(LedgerEntry::interviewId).orElse(null);
            int at = indexOf(run.decided, waiting.getValue());
            if (interviewId != null && posting.get().status() != LedgerStatus.CLOSED) {
                run.decided.remove(at);
                run.waiting.remove(application);
                if (run.postingNotes.containsKey(application.postingKey())) {
                    // its posting was read and synced in this run, for it
                    run.createdFirst.add(application.postingKey());
                }
                place(application, interviewId, batches, run);
            } else if (run.postingNotes.containsKey(application.postingKey())) {
                JobResult noted = waiting(application, posting.isEmpty(),
                        run.postingNotes.get(application.postingKey()));
                run.decided.set(at, noted);
                run.waiting.put(application, noted);
            }
        }
        batches.values().forEach(run.batches::addAll);
        return run;
    }

    private static int indexOf(List<JobResult> results, JobResult result) {
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) == result) {
                return i;
            }
        }
        throw new IllegalStateException("a waiting application has no result");
    }

    /** An application whose posting has an open interview: skipped when already invited, else into a batch. */
    private void place(Application application, String interviewId, Map<String, List<InvitationBatch>> batches,
                       InvitationRun run) {
        Optional<InvitationLedger.Entry> known = invitations.find(application.externalId(), interviewId);
        if (known.isPresent()) {
            InvitationLedger.Entry entry = known.get();
            switch (entry.status()) {
                case INVITED -> {
                    run.decided.add(result(JobStatus.SKIPPED, application, interviewId,
                            List.of("already invited to this interview"), null, 0, "invited at "
                                    + entry.invitedAt()));
                    return;
                }
                case NEEDS_PERSON -> {
                    run.decided.add(result(JobStatus.REJECTED, application, interviewId, List.of(needsPerson()),
                            null, entry.attempts(), entry.note()));
                    return;
                }
                case IN_FLIGHT -> {
                    batchOf(batches, application, interviewId).toReconcile.add(application);
                    return;
                }
                default -> throw new IllegalStateException("unknown status " + entry.status());
            }
        }
        batchOf(batches, application, interviewId).toRegister.add(application);
    }

    private InvitationBatch batchOf(Map<String, List<InvitationBatch>> batches, Application application,
                                    String interviewId) {
        List<InvitationBatch> forKey = batches.computeIfAbsent(interviewId + "|" + application.sendEmail() + "|"
                + application.isTest(), key -> new ArrayList<>());
        InvitationBatch last = forKey.isEmpty() ? null : forKey.get(forKey.size() - 1);
        if (last == null || last.size() >= settings.batchSize()) {
            last = new InvitationBatch(interviewId, application.sendEmail(), application.isTest());
            forKey.add(last);
        }
        return last;
    }

    /** The application a record makes, or null when a required value is empty. */
    private Application application(JobInput job, String applicationId) {
        Mapping mapping = job.mapping();
        JsonNode record = job.record().node();
        JsonNode document = job.record().document();
        String posting = mapping.text("posting", record, document);
        String name = mapping.text("name", record, document);
        String email = mapping.text("email", record, document);
        if (applicationId == null || posting == null || name == null || email == null) {
            return null;
        }
        String postingSource = Optional.ofNullable(mapping.text("posting_source", record, document))
                .orElse(mapping.source());
        return new Application(mapping.source(), applicationId, Ledger.key(postingSource, posting),
                mapping.text("stage", record, document), name, email,
                flag(mapping.value("send_email", record, document), settings.sendEmail()),
                flag(mapping.value("is_test", record, document), settings.isTest()), job.source(), mapping.name());
    }

    private static String missing(JobInput job, String applicationId) {
        List<String> empty = new ArrayList<>();
        for (String field : REQUIRED) {
            if (field.equals("application_id") ? applicationId == null
                    : job.mapping().text(field, job.record().node(), job.record().document()) == null) {
                empty.add(field);
            }
        }
        return "no value for " + String.join(", ", empty) + " in this record";
    }

    private static boolean flag(JsonNode value, boolean fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1", "y", "on" -> true;
            case "false", "no", "0", "n", "off" -> false;
            default -> throw new IllegalArgumentException("\"" + text + "\" is not true or false");
        };
    }

    // ---- the conversation ---------------------------------------------------------------------------------

    /**
     * The batch's first call: the interview's results when some application's earlier call lost its answer,
     * else register-users for every application, each written in flight first.
     */
    public InvitationBatch start(InvitationBatch batch) {
        if (!batch.toReconcile.isEmpty()) {
            batch.listOffset = 0;
            batch.next(listResults(batch.interviewId(), 0), InvitationBatch.Phase.LISTING);
        } else {
            registerNext(batch, batch.toRegister);
        }
        return batch;
    }

    /** Reads the answer to the batch's call and sets the next call (null when every outcome is known). */
    public InvitationBatch answer(InvitationBatch batch, HttpAnswer answer) {
        batch.calls++;
        if (batch.phase == InvitationBatch.Phase.LISTING) {
            listed(batch, answer);
        } else {
            registered(batch, answer);
        }
        return batch;
    }

    /**
     * The batch's call failed without an answer (or was not sent). A call never sent, or refused for its token
     * before it was sent, certainly registered nobody: those rows are cleared for the next sighting. Otherwise
     * the rows stay in flight, to be reconciled when the applications are seen again.
     */
    public InvitationBatch failed(InvitationBatch batch, Exception failure) {
        boolean notSent = failure instanceof JobMojitoClient.CallFailedException failed && failed.neverSent()
                || failure instanceof TokenRefusedException;
        String why = failure.getClass().getSimpleName();
        if (batch.phase == InvitationBatch.Phase.LISTING) {
            for (Application application : batch.toReconcile) {
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of("an earlier "
                        + "invitation's answer was lost and the interview's results could not be read (" + why
                        + "): nothing sent; reconciled when the application is seen again"), null, 0, null));
            }
            batch.toReconcile.clear();
            for (Application application : batch.toRegister) {
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of("not sent: the "
                        + "call before it failed (" + why + "); invited when the application is seen again"),
                        null, 0, null));
            }
            batch.toRegister.clear();
        } else {
            for (Application application : batch.sent) {
                int attempts = attempts(application, batch);
                if (notSent) {
                    invitations.clear(application.externalId(), batch.interviewId());
                }
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of(notSent
                        ? "not sent (" + why + "): invited when the application is seen again"
                        : "no answer (" + why + "): whether JobMojito registered the candidate is reconciled when "
                                + "the application is seen again, before anything is sent"), null, attempts, null));
            }
        }
        LOG.warn("{}: the call failed ({}); {} applications reported failed", batch, why, batch.sent.size());
        batch.sent.clear();
        batch.next(null, InvitationBatch.Phase.DONE);
        return batch;
    }

    private void listed(InvitationBatch batch, HttpAnswer answer) {
        if (!answer.ok()) {
            for (Application application : batch.toReconcile) {
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of("an earlier "
                        + "invitation's answer was lost and JobMojito answered " + answer.status() + " to the "
                        + "results list: nothing sent; reconciled when the application is seen again"),
                        answer.status(), 0, null));
            }
            batch.toReconcile.clear();
            registerNext(batch, batch.toRegister);
            return;
        }
        JsonNode page = parse(answer.body());
        JsonNode rows = page.isArray() ? page : page.path("data");
        Set<String> registered = new HashSet<>();
        for (JsonNode row : rows) {
            String externalId = row.path("candidate_external_id").asText(null);
            if (externalId != null) {
                registered.add(externalId);
            }
        }
        for (Iterator<Application> pending = batch.toReconcile.iterator(); pending.hasNext(); ) {
            Application application = pending.next();
            if (registered.contains(application.externalId())) {
                String note = "registered by an earlier call whose answer was lost (found in the interview's "
                        + "results): adopted, not registered again; its link is only in JobMojito";
                invitations.recordInvited(application.externalId(), batch.interviewId(), note, clock.instant());
                batch.results.add(result(JobStatus.INVITED, application, batch.interviewId(), List.of(),
                        answer.status(), 0, note));
                pending.remove();
            }
        }
        boolean more = page.path("pagination").path("has_more").asBoolean(false) && !rows.isEmpty();
        if (more && !batch.toReconcile.isEmpty()) {
            batch.listOffset += LIST_PAGE;
            batch.next(listResults(batch.interviewId(), batch.listOffset), InvitationBatch.Phase.LISTING);
            return;
        }
        for (Application application : batch.toReconcile) {
            invitations.recordNeedsPerson(application.externalId(), batch.interviewId(), "an earlier call's answer "
                    + "was lost and the interview's results do not show the candidate", clock.instant());
            batch.results.add(result(JobStatus.REJECTED, application, batch.interviewId(), List.of(needsPerson()),
                    answer.status(), 0, null));
        }
        batch.toReconcile.clear();
        registerNext(batch, batch.toRegister);
    }

    private void registered(InvitationBatch batch, HttpAnswer answer) {
        int status = answer.status();
        if (!answer.ok()) {
            boolean unknown = status == 408 || status >= 500;
            for (Application application : batch.sent) {
                int attempts = attempts(application, batch);
                if (!unknown) {
                    invitations.clear(application.externalId(), batch.interviewId());
                }
                batch.results.add(result(unknown ? JobStatus.FAILED : JobStatus.REJECTED, application,
                        batch.interviewId(), List.of(unknown ? "JobMojito answered " + status + ": whether it "
                                + "registered the candidate is reconciled when the application is seen again"
                                : "JobMojito refused the registration (" + status + ")" + (status == 401 ? ": "
                                + "the API token was refused" : status == 429 ? ": too many requests; invited "
                                + "when the application is seen again" : "")), status, attempts, null));
            }
            LOG.warn("{}: JobMojito answered {} to register-users", batch, status);
            batch.sent.clear();
            batch.next(null, InvitationBatch.Phase.DONE);
            return;
        }
        JsonNode body = parse(answer.body());
        JsonNode rows = body.isArray() ? body : body.has("data") ? body.path("data") : body.path("results");
        List<Application> again = new ArrayList<>();
        for (int i = 0; i < batch.sent.size(); i++) {
            Application application = batch.sent.get(i);
            JsonNode row = rowOf(rows, i, application);
            String result = row == null ? null : row.path("result").asText(null);
            if (result == null) {
                // no row for it: whether it was registered is unknown, as after a lost answer
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of("JobMojito's "
                        + "answer has no row for this user: reconciled when the application is seen again"), status,
                        attempts(application, batch), null));
            } else if (result.strip().equalsIgnoreCase("ok")) {
                String link = row.path("interview_url").asText(null);
                boolean hasLink = link != null && !link.isBlank();
                invitations.recordInvited(application.externalId(), batch.interviewId(), null, clock.instant(),
                        keepLinks && hasLink ? pendingLink(link, batch) : null);
                if (hasLink) {
                    batch.links.add(new InvitationLink(application, batch.interviewId(), link));
                }
                batch.results.add(result(JobStatus.INVITED, application, batch.interviewId(), List.of(), status,
                        attempts(application, batch), null, link));
            } else if (attempts(application, batch) < settings.rowAttempts()) {
                again.add(application);
            } else {
                int attempts = attempts(application, batch);
                invitations.clear(application.externalId(), batch.interviewId());
                batch.results.add(result(JobStatus.FAILED, application, batch.interviewId(), List.of("JobMojito "
                        + "refused this user: " + abbreviate(result) + " (invited when the application is seen "
                        + "again)"), status, attempts, null));
            }
        }
        LOG.info("{}: register-users answered {} for {} users, {} to send again alone", batch, status,
                batch.sent.size(), again.size());
        batch.sent.clear();
        registerNext(batch, again);
    }

    /** The answer's row of the i-th user: by external_id when rows carry one, else by position. */
    private static JsonNode rowOf(JsonNode rows, int i, Application application) {
        for (JsonNode row : rows) {
            if (application.externalId().equals(row.path("external_id").asText(null))) {
                return row;
            }
        }
        JsonNode row = rows.get(i);
        return row != null && row.isObject() ? row : null;
    }

    /** Writes each application in flight, then sets the register-users call for those written. */
    private void registerNext(InvitationBatch batch, List<Application> applications) {
        List<Application> next = List.copyOf(applications);
        batch.toRegister.clear();
        batch.sent.clear();
        for (Application application : next) {
            if (invitations.markInFlight(application, batch.interviewId(), clock.instant())) {
                batch.sent.add(application);
            } else {
                batch.results.add(result(JobStatus.SKIPPED, application, batch.interviewId(), List.of("another run "
                        + "is inviting this application to this interview"), null, 0, null));
            }
        }
        batch.next(batch.sent.isEmpty() ? null : register(batch.interviewId(), batch.sent, batch.sendEmail(),
                batch.isTest()), InvitationBatch.Phase.REGISTERING);
    }

    private int attempts(Application application, InvitationBatch batch) {
        return invitations.find(application.externalId(), batch.interviewId()).map(InvitationLedger.Entry::attempts)
                .orElse(0);
    }

    // ---- the calls ----------------------------------------------------------------------------------------

    /**
     * {@code POST /job-interview-register-users}: {@code {interview_id, users[{name, email, external_id}],
     * send_email, is_test}} (api doc §4; the spec's shape, not the cookbook's {@code type}).
     */
    public static JobMojitoClient.Call register(String interviewId, List<Application> applications, boolean sendEmail,
                                                boolean isTest) {
        ObjectNode body = Json.object();
        body.put("interview_id", interviewId);
        ArrayNode users = body.putArray("users");
        applications.forEach(application -> users.add(application.user()));
        body.put("send_email", sendEmail);
        body.put("is_test", isTest);
        return new JobMojitoClient.Call("POST", REGISTER, null, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code GET /merchant-result-list?interview_id=}: one page of the interview's results (api doc §4). */
    public static JobMojitoClient.Call listResults(String interviewId, int offset) {
        return new JobMojitoClient.Call("GET", RESULT_LIST, "interview_id="
                + URLEncoder.encode(interviewId, StandardCharsets.UTF_8) + "&limit=" + LIST_PAGE + "&offset=" + offset,
                null);
    }

    /** What the invitation ledger keeps of a link until its note is written (V10). */
    private static String pendingLink(String link, InvitationBatch batch) {
        ObjectNode kept = Json.object();
        kept.put("interview_url", link);
        kept.put("send_email", batch.sendEmail());
        kept.put("is_test", batch.isTest());
        return Json.write(kept);
    }

    // ---- results ------------------------------------------------------------------------------------------

    /** The result reached the result sinks: it counts for its input. */
    public void recorded(InvitationRun run, JobResult result) {
        if (run.input() != null) {
            run.input().tally().accept(result);
        }
    }

    private static String needsPerson() {
        return "needs a person: an earlier invitation's answer was lost and JobMojito cannot tell whether the "
                + "candidate was registered; nothing is sent again (registering twice may spend credits twice). "
                + "Check the interview in JobMojito, then mark it (README, \"Inviting candidates\")";
    }

    private JobResult result(JobStatus status, Application application, String interviewId, List<String> errors,
                             Integer httpStatus, int attempts, String note) {
        return result(status, application, interviewId, errors, httpStatus, attempts, note, null);
    }

    private JobResult result(JobStatus status, Application application, String interviewId, List<String> errors,
                             Integer httpStatus, int attempts, String note, String link) {
        ObjectNode detail = Json.object();
        detail.put("kind", "invitation");
        detail.put("external_id", application.externalId());
        detail.put("application_id", application.applicationId());
        detail.put("posting_key", application.postingKey());
        if (application.stage() != null) {
            detail.put("stage", application.stage());
        }
        if (interviewId != null) {
            detail.put("send_email", application.sendEmail());
            detail.put("is_test", application.isTest());
        }
        if (link != null && settings.linkInResults()) {
            detail.put("interview_url", link);
        }
        if (settings.personalDataInResults()) {
            detail.put("candidate_name", application.name());
            detail.put("candidate_email", application.email());
        }
        return new JobResult(status, application.applicationId(), null, interviewId, errors, application.origin(),
                application.mapping(), null, httpStatus, attempts, clock.instant(), note, detail);
    }

    private JobResult outcome(JobStatus status, String applicationId, JobSource source, String mapping,
                              String interviewId, List<String> errors, String note) {
        ObjectNode detail = Json.object();
        detail.put("kind", "invitation");
        if (applicationId != null) {
            detail.put("application_id", applicationId);
        }
        return new JobResult(status, applicationId, null, interviewId, errors, source, mapping, null, null, 0,
                clock.instant(), note, detail);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.NODES.missingNode();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node == null ? Json.NODES.missingNode() : node;
        } catch (IOException e) {
            return Json.NODES.missingNode();
        }
    }

    /** An error row's text, cut short; it names no user (JobMojito's text is about the row, not echoed to logs). */
    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").replaceAll("[^\\s@<>\"',;]+@[^\\s@<>\"',;]+", "<email>").strip();
        return flat.length() > 200 ? flat.substring(0, 197) + "..." : flat;
    }
}
