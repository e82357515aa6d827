package dev.jobmojito.connector.results;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts of a run, printed when a once-mode run ends: jobs by outcome, and files done or quarantined.
 */
public final class RunSummary {

    private final Map<JobStatus, AtomicInteger> jobs = new EnumMap<>(JobStatus.class);
    private final AtomicInteger filesDone = new AtomicInteger();
    private final AtomicInteger filesQuarantined = new AtomicInteger();
    private final AtomicInteger filesLeft = new AtomicInteger();
    private final AtomicInteger jobsLeft = new AtomicInteger();
    private final AtomicInteger sinkFailures = new AtomicInteger();
    /** Results of postings that left the ATS (no record was read for them). */
    private final AtomicInteger closings = new AtomicInteger();

    public RunSummary() {
        for (JobStatus status : JobStatus.values()) {
            jobs.put(status, new AtomicInteger());
        }
    }

    /** Counts a recorded result: a job by its status (a whole file's or poll's result is counted apart). */
    public void accept(JobResult result) {
        // whole-file outcomes (a quarantined file, a failed poll) are counted as files or sources, not jobs; a
        // posting that left the ATS has no record but is a posting (closed, or rejected when its archive failed)
        if (result.source().record() != null || result.status() == JobStatus.CLOSED || result.code() != null) {
            jobs.get(result.status()).incrementAndGet();
            if (result.source().record() == null) {
                closings.incrementAndGet();
            }
        }
    }

    public void fileDone() {
        filesDone.incrementAndGet();
    }

    public void fileQuarantined() {
        filesQuarantined.incrementAndGet();
    }

    /** A file left in its inbox untouched (the token was refused). */
    public void fileLeft() {
        filesLeft.incrementAndGet();
    }

    /** A job read but not started because intake closed meanwhile (stopping, paused): its file must stay. */
    public void jobLeft() {
        jobsLeft.incrementAndGet();
    }

    /** A sink of CONNECTOR_RESULT_SINKS failed to take a result (the job's outcome stands). */
    public void sinkFailed() {
        sinkFailures.incrementAndGet();
    }

    /** Jobs read but not started, see {@link #jobLeft}. */
    public int jobsLeft() {
        return jobsLeft.get();
    }

    public int count(JobStatus status) {
        return jobs.get(status).get();
    }

    public int read() {
        return jobs.values().stream().mapToInt(AtomicInteger::get).sum() - closings.get();
    }

    public int filesQuarantined() {
        return filesQuarantined.get();
    }

    public int filesLeft() {
        return filesLeft.get();
    }

    /**
     * True when every job was created, updated or skipped, no file was set aside and every result reached every
     * sink.
     */
    public boolean clean() {
        return count(JobStatus.REJECTED) == 0 && count(JobStatus.FAILED) == 0 && filesQuarantined.get() == 0
                && filesLeft.get() == 0 && sinkFailures.get() == 0;
    }

    /**
     * The job counts alone: "4 read / 3 created / ...", then the outcomes of the loop back (invited, waiting,
     * written, unmatched) and closed postings, each only when there is one.
     */
    public String jobs() {
        return read() + " read / " + count(JobStatus.CREATED) + " created / " + count(JobStatus.UPDATED)
                + " updated / " + count(JobStatus.REJECTED) + " rejected / " + count(JobStatus.FAILED) + " failed / "
                + count(JobStatus.SKIPPED) + " skipped" + whenAny(JobStatus.CLOSED) + whenAny(JobStatus.INVITED)
                + whenAny(JobStatus.WAITING) + whenAny(JobStatus.WRITTEN) + whenAny(JobStatus.UNMATCHED);
    }

    /** " / N closed" (or invited, waiting, written, unmatched) when any job ended so; nothing otherwise. */
    private String whenAny(JobStatus status) {
        return count(status) > 0 ? " / " + count(status) + " " + status.value() : "";
    }

    @Override
    public String toString() {
        return jobs() + "; files: " + filesDone.get() + " done, "
                + filesQuarantined.get() + " quarantined" + (filesLeft.get() > 0 ? ", " + filesLeft.get()
                + " left in the inbox" : "") + (sinkFailures.get() > 0 ? "; results a sink failed to take: "
                + sinkFailures.get() : "");
    }
}
