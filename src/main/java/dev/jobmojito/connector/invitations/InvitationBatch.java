package dev.jobmojito.connector.invitations;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.results.JobResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The applications of one input invited to one interview with the same options, and the state of their
 * conversation with JobMojito: first, when some of them have a call whose answer was lost, the interview's
 * results are listed to reconcile them; then one register-users call for the rest; then, for rows JobMojito
 * answered with an error, a call for those alone, until each has its outcome. {@link #call()} is the call to make
 * next, null once every application has its result. Only the route {@code invite-batch} and {@link Invitations}
 * change it, one step at a time.
 */
public final class InvitationBatch {

    /** What the call on the wire is. */
    enum Phase { LISTING, REGISTERING, DONE }

    private final String interviewId;
    private final boolean sendEmail;
    private final boolean isTest;
    final List<Application> toReconcile = new ArrayList<>();
    final List<Application> toRegister = new ArrayList<>();
    /** The applications the register call on the wire carries, in the order of its users. */
    final List<Application> sent = new ArrayList<>();
    final List<JobResult> results = new ArrayList<>();
    /** The links of the applications this batch invited (issue 15: written back to the ATS when configured). */
    final List<InvitationLink> links = new ArrayList<>();
    Phase phase = Phase.DONE;
    int listOffset;
    int calls;
    private JobMojitoClient.Call call;

    InvitationBatch(String interviewId, boolean sendEmail, boolean isTest) {
        this.interviewId = interviewId;
        this.sendEmail = sendEmail;
        this.isTest = isTest;
    }

    public String interviewId() {
        return interviewId;
    }

    public boolean sendEmail() {
        return sendEmail;
    }

    public boolean isTest() {
        return isTest;
    }

    /** The call to make next through {@code direct:jobmojito-call}, or null when every outcome is known. */
    public JobMojitoClient.Call call() {
        return call;
    }

    void next(JobMojitoClient.Call next, Phase phase) {
        this.call = next;
        this.phase = next == null ? Phase.DONE : phase;
    }

    /** The outcomes decided so far, one per application. */
    public List<JobResult> results() {
        return results;
    }

    /** The interview links JobMojito answered for the applications invited (bearer links: never log them). */
    public List<InvitationLink> links() {
        return links;
    }

    int size() {
        return toReconcile.size() + toRegister.size();
    }

    @Override
    public String toString() {
        return "invitations to " + interviewId + " (" + size() + " applications, phase " + phase + ")";
    }
}
