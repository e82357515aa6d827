package dev.jobmojito.connector.sync;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.mapping.MappedJob;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One posting's conversation with JobMojito, from {@link SyncDelivery#start} to {@link SyncDelivery#end}: the
 * call to make next ({@link #call()}, null once the outcome is known) and then the {@link #outcome()}. The
 * job path makes each call through {@code direct:jobmojito-call} and hands the answer to
 * {@link SyncDelivery#answered}, which records what it says and decides what comes next. It is a plain value
 * of that loop; nothing in it sends.
 */
public final class PostingSync {

    /** What the call in progress is for. */
    enum Step {
        /** A create of a posting without a code: not tracked. */
        CREATE_UNTRACKED,
        /** A create, marked in flight in the ledger before it is sent. */
        CREATE,
        /** A page of the interview list, looking for the interview an unanswered create may have made. */
        FIND_LIST,
        /** One interview of that list read, to compare its code. */
        FIND_GET,
        /** The changed fields sent to the posting's interview. */
        UPDATE,
        /** A posting closed earlier is back: its interview's state set again. */
        REOPEN,
        /** The outcome is known. */
        DONE
    }

    final String source;
    final MappedJob job;
    final String json;
    final String hash;
    final String key;
    PostingLocks.Claim claim;
    LedgerEntry entry;
    Step step;
    JobMojitoClient.Call call;
    SyncOutcome outcome;
    /** Said in the outcome when the interview was found after a lost answer. */
    String adoptedNote;
    /** The search for an interview an unanswered create may have made: its name, since when, where. */
    String findName;
    Instant findSince;
    int findOffset;
    boolean findMore;
    final Deque<String> findCandidates = new ArrayDeque<>();
    String findCandidate;
    /** For an update: the names of the fields sent. */
    java.util.List<String> updated;

    PostingSync(String source, MappedJob job, String json, String hash, String key) {
        this.source = source;
        this.job = job;
        this.json = json;
        this.hash = hash;
        this.key = key;
    }

    /** The call to make next, or null when the outcome is known. */
    public JobMojitoClient.Call call() {
        return step == Step.DONE ? null : call;
    }

    /** The final outcome; null while a call is still to be made. */
    public SyncOutcome outcome() {
        return outcome;
    }

    void next(Step step, JobMojitoClient.Call call) {
        this.step = step;
        this.call = call;
    }

    void done(SyncOutcome outcome) {
        this.step = Step.DONE;
        this.call = null;
        this.outcome = outcome;
    }
}
