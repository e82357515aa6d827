package dev.jobmojito.connector.results;

import dev.jobmojito.connector.common.FileNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each outcome to the result sinks and logs one line per job. The sinks are named ({@code file},
 * {@code webhook}); a route may choose among them with the exchange property {@value #SINKS}
 * ({@code file}, {@code webhook} or {@code file,webhook}). The run summary always counts.
 */
public final class ResultPublisher {

    /** Exchange property a route sets to choose its result sinks. */
    public static final String SINKS = "connectorResultSinks";

    private static final Logger LOG = LoggerFactory.getLogger("dev.jobmojito.connector.jobs");

    private final Map<String, ResultSink> sinks;
    private final List<ResultSink> always;

    public ResultPublisher(Map<String, ResultSink> sinks, List<ResultSink> always) {
        this.sinks = new LinkedHashMap<>(sinks);
        this.always = List.copyOf(always);
    }

    public void publish(JobResult result) {
        publish(result, null);
    }

    /** @param chosen the sinks a route chose ("file,webhook"), or null for all configured ones */
    public void publish(JobResult result, String chosen) {
        // a failure that is not about one posting (a poll cycle, a file) has neither code nor name
        String line = (result.code() == null ? "{}{}" : "{} code={}") + (result.name() == null ? "{}" : " name=\"{}\"")
                + " source={}{}";
        Object detail = switch (result.status()) {
            case CREATED, UPDATED -> " interview_def_set_id=" + result.interviewDefSetId();
            // errors quote input values and file names: printed escaped, one log line per job whatever they hold
            default -> result.errors().isEmpty() ? "" : " errors=" + FileNames.printable(result.errors().toString());
        };
        boolean problem = result.status() == JobStatus.FAILED || result.status() == JobStatus.REJECTED;
        // the same facts as fields, for JSON logs (CONNECTOR_LOG_FORMAT)
        (problem ? LOG.atWarn() : LOG.atInfo())
                .addKeyValue("status", result.status().value())
                .addKeyValue("code", result.code())
                .addKeyValue("route", result.source().route())
                .addKeyValue("file", FileNames.printable(result.source().file()))
                .addKeyValue("record", result.source().record())
                .addKeyValue("interview_def_set_id", result.interviewDefSetId())
                .log(line, result.status().value(), result.code() == null ? "" : result.code(),
                        result.name() == null ? "" : FileNames.printable(result.name()), result.source(), detail);
        sinks.forEach((name, sink) -> {
            if (chosen == null || List.of(chosen.split("\\s*,\\s*")).contains(name)) {
                sink.accept(result);
            }
        });
        for (ResultSink sink : always) {
            sink.accept(result);
        }
    }
}
