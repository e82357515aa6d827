package dev.jobmojito.connector.results;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends each outcome to every sink and logs one line per job. */
public final class ResultPublisher {

    private static final Logger LOG = LoggerFactory.getLogger("dev.jobmojito.connector.jobs");

    private final List<ResultSink> sinks;

    public ResultPublisher(List<ResultSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    public void publish(JobResult result) {
        String line = "{} code={} name=\"{}\" source={}{}";
        Object detail = switch (result.status()) {
            case CREATED, UPDATED -> " interview_def_set_id=" + result.interviewDefSetId();
            default -> result.errors().isEmpty() ? "" : " errors=" + result.errors();
        };
        if (result.status() == JobStatus.FAILED || result.status() == JobStatus.REJECTED) {
            LOG.warn(line, result.status().value(), result.code(), result.name(), result.source(), detail);
        } else {
            LOG.info(line, result.status().value(), result.code(), result.name(), result.source(), detail);
        }
        for (ResultSink sink : sinks) {
            sink.accept(result);
        }
    }
}
