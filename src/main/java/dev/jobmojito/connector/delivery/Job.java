package dev.jobmojito.connector.delivery;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.sync.PostingSync;
import dev.jobmojito.connector.sync.SyncOutcome;
import java.util.ArrayList;
import java.util.List;

/**
 * One job on its way from record to result, carried as the message body through {@code deliver-job} and
 * {@code send-job}: everything the connector knows of it at each step, in one typed place instead of exchange
 * properties. Made by {@link DeliveryJobs#map} (or for a replayed dead letter by {@link ReplayRun}), filled in
 * as it goes: the request when it is to be sent, every failed attempt, the final outcome, and the result that
 * goes to the result sinks ({@code direct:job-result}).
 */
public final class Job {

    private final JobInput input;
    private final String mappingName;
    private final String deadLetter;
    private MappedJob mapped;
    private int attempts;
    private final List<ObjectNode> failedAttempts = new ArrayList<>();
    private PostingSync sync;
    private JobResult result;

    /**
     * @param input       the record and where it came from
     * @param mappingName the mapping's name (a replayed letter has the name but not the mapping)
     * @param deadLetter  the name of the dead letter a replayed job came from, or null
     */
    Job(JobInput input, String mappingName, String deadLetter) {
        this.input = input;
        this.mappingName = mappingName;
        this.deadLetter = deadLetter;
    }

    public JobInput input() {
        return input;
    }

    public String mappingName() {
        return mappingName;
    }

    /** The name of the dead letter this job was replayed from, or null. */
    public String deadLetter() {
        return deadLetter;
    }

    /** What the mapping made of the record when it is to be sent; null while unmapped or when not sent. */
    public MappedJob mapped() {
        return mapped;
    }

    void toSend(MappedJob job) {
        this.mapped = job;
    }

    /** True when the job has a valid request to sync with JobMojito. */
    public boolean sendable() {
        return mapped != null;
    }

    /** Calls made so far (the first included). */
    public int attempts() {
        return attempts;
    }

    int attempt() {
        return ++attempts;
    }

    /** The failed attempts, {@code {at, error, http_status}} each, for the dead letter. */
    public List<ObjectNode> failedAttempts() {
        return failedAttempts;
    }

    /** JobMojito's final answer (or that none was needed); null until there is one. */
    public SyncOutcome outcome() {
        return sync == null ? null : sync.outcome();
    }

    /** The job's conversation with JobMojito (its call to make next, then its outcome); null until it starts. */
    public PostingSync sync() {
        return sync;
    }

    void syncing(PostingSync sync) {
        this.sync = sync;
    }

    /** How the job ended, for the result sinks; null while undecided, or when it is left for the next run. */
    public JobResult result() {
        return result;
    }

    void conclude(JobResult result) {
        this.result = result;
    }
}
