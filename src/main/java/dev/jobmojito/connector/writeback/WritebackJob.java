package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.results.JobResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One write of one interview result version to the ATS: the whole state of the job, carried as the message body
 * from {@code direct:ats-writeback} until it becomes its {@link JobResult}. Made by {@link Writeback#start},
 * stepped by {@link Writeback#attempt} and {@link Writeback#answer}; the routes read {@link #getCall()} and
 * {@link #getResult()} only.
 */
public final class WritebackJob {

    /** Where the conversation with the ATS stands. */
    enum Step {
        TOKEN_FOR_NOTE, LOOK_UP, NOTE, ATTACHMENT, DONE
    }

    private final InterviewResult interviewResult;
    private final ResultMappings.Rendered rendered;
    private final String letter;
    private String target;
    private AtsWriter writer;
    private WritebackLedger.Key key;
    private Step step;
    private Step afterToken;
    private WriteCall call;
    private String lookUpUrl;
    private int lookUpPages;
    private boolean tokenRefreshed;
    private boolean noteSent;
    private boolean foundAfterLoss;
    private String reference;
    private Integer httpStatus;
    private int sent;
    private String parkReason;
    private final List<ObjectNode> failedAttempts = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private JobResult result;

    WritebackJob(InterviewResult interviewResult, ResultMappings.Rendered rendered, String letter) {
        this.interviewResult = interviewResult;
        this.rendered = rendered;
        this.letter = letter;
    }

    /** The result being written. Holds personal data in its payload: never log it (its toString is safe). */
    public InterviewResult getInterviewResult() {
        return interviewResult;
    }

    /** What the result mapping made of it. */
    public ResultMappings.Rendered getRendered() {
        return rendered;
    }

    /** The name of the dead letter this job was replayed from, or null. */
    public String getLetter() {
        return letter;
    }

    /** The ATS target's name; its route is {@code writeback-<target>}. */
    public String getTarget() {
        return target;
    }

    void setTarget(String target) {
        this.target = target;
    }

    /** The route of the target: {@code direct:writeback-<target>}. */
    public String getTargetEndpoint() {
        return "direct:writeback-" + target;
    }

    public AtsWriter getWriter() {
        return writer;
    }

    /** Set by the target's route when the target is configured. */
    void setWriter(AtsWriter writer) {
        this.writer = writer;
    }

    /** The next call to make, or null when the outcome is known. */
    public WriteCall getCall() {
        return call;
    }

    void setCall(WriteCall call) {
        this.call = call;
    }

    /** The outcome, once decided. */
    public JobResult getResult() {
        return result;
    }

    void setResult(JobResult result) {
        this.result = result;
    }

    /** Whether the outcome is decided (no call to make). */
    public boolean isDecided() {
        return result != null;
    }

    /** Why the job is to be parked for a person without another try, or null. */
    public String getParkReason() {
        return parkReason;
    }

    void park(String reason) {
        this.parkReason = reason;
        this.call = null;
    }

    WritebackLedger.Key key() {
        return key;
    }

    void key(WritebackLedger.Key key) {
        this.key = key;
    }

    Step step() {
        return step;
    }

    void step(Step step) {
        this.step = step;
    }

    Step afterToken() {
        return afterToken;
    }

    void afterToken(Step afterToken) {
        this.afterToken = afterToken;
    }

    String lookUpUrl() {
        return lookUpUrl;
    }

    void lookUpUrl(String url) {
        this.lookUpUrl = url;
    }

    int lookUpPages() {
        return lookUpPages;
    }

    void lookUpPage() {
        lookUpPages++;
    }

    boolean tokenRefreshed() {
        return tokenRefreshed;
    }

    void tokenRefreshed(boolean refreshed) {
        this.tokenRefreshed = refreshed;
    }

    boolean noteSent() {
        return noteSent;
    }

    void noteSent(boolean sent) {
        this.noteSent = sent;
    }

    boolean foundAfterLoss() {
        return foundAfterLoss;
    }

    void foundAfterLoss(boolean found) {
        this.foundAfterLoss = found;
    }

    String reference() {
        return reference;
    }

    void reference(String reference) {
        this.reference = reference;
    }

    Integer httpStatus() {
        return httpStatus;
    }

    void httpStatus(Integer status) {
        this.httpStatus = status;
    }

    /** Calls sent to the ATS (answered or not), every try included. */
    int sent() {
        return sent;
    }

    void countSent() {
        sent++;
    }

    List<ObjectNode> failedAttempts() {
        return failedAttempts;
    }

    List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return "WritebackJob[" + interviewResult + " -> " + target + "]";
    }
}
