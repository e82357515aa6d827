package dev.jobmojito.connector.results;

/**
 * A job's outcome could not be made durable: its result line, its webhook outbox entry or its ledger row could
 * not be written (a read-only or full disk, a state folder that vanished, a database that refuses writes).
 * Such a job is not acknowledged: intake pauses with this message as the reason, readiness goes DOWN, and the
 * job's file stays in its inbox for a run after the cause is fixed.
 */
public class OutcomeNotRecordedException extends RuntimeException {

    public OutcomeNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
