package dev.jobmojito.connector.results;

import dev.jobmojito.connector.common.FileNames;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code record-result} route ({@code pipeline/results.camel.yaml}): which result sinks a
 * result goes to, and what is done once it is there (one log line, the run summary, the metrics).
 *
 * <p>Every sink is a Camel endpoint that receives the {@link JobResult} as its body (it converts to the JSON line
 * of the results file as {@code String}, {@code byte[]} or {@code InputStream}, see {@link ResultConverters}).
 * Two are built in, each a route of the job path: {@code file} ({@code direct:results-file}, the JSON Lines file)
 * and {@code webhook} ({@code direct:results-webhook}, the signed webhook's outbox, when a webhook URL is set).
 * They are where an outcome is <em>recorded</em>: when one of them fails the job is not acknowledged (its file
 * stays, intake pauses). Any other endpoint listed in {@code CONNECTOR_RESULT_SINKS} (a route of the user's,
 * {@code direct:results-table} say) gets every result too, after them; its failure is logged and counted
 * ({@code connector_result_sink_failures_total}, and a once-mode run exits 1) and never changes the job's
 * outcome.
 *
 * <p>A route may narrow the sinks of its results with the exchange property {@value #CHOSEN}: a comma-separated
 * list of {@code file}, {@code webhook} and endpoint URIs of {@code CONNECTOR_RESULT_SINKS}.
 */
public final class ResultSinks {

    /** Exchange property a route sets to choose its result sinks. */
    public static final String CHOSEN = "connectorResultSinks";

    private static final Logger JOBS = LoggerFactory.getLogger("dev.jobmojito.connector.jobs");
    private static final Logger LOG = LoggerFactory.getLogger(ResultSinks.class);

    private final Map<String, String> recording;
    private final List<String> more;
    private final RunSummary summary;
    private final ConnectorMetrics metrics;

    /**
     * @param webhook  whether the webhook sink is on (a webhook URL is set)
     * @param more     further sink endpoints ({@code CONNECTOR_RESULT_SINKS}, comma-separated; blank: none)
     */
    public ResultSinks(boolean webhook, String more, RunSummary summary, ConnectorMetrics metrics) {
        this.recording = new LinkedHashMap<>();
        recording.put("file", "direct:results-file");
        if (webhook) {
            recording.put("webhook", "direct:results-webhook");
        }
        this.more = split(more);
        this.summary = summary;
        this.metrics = metrics;
    }

    /** The sinks that record the outcome (the results file, the webhook outbox), as endpoint URIs. */
    public List<String> recording(@ExchangeProperty(CHOSEN) String chosen) {
        List<String> names = chosen == null ? null : split(chosen);
        List<String> uris = new ArrayList<>();
        recording.forEach((name, uri) -> {
            if (names == null || names.contains(name)) {
                uris.add(uri);
            }
        });
        return uris;
    }

    /** The further sinks of {@code CONNECTOR_RESULT_SINKS} a result goes to (all, unless the route chose). */
    public List<String> more(@ExchangeProperty(CHOSEN) String chosen) {
        List<String> names = chosen == null ? null : split(chosen);
        return names == null ? more : more.stream().filter(names::contains).toList();
    }

    /**
     * The results of a list ({@code record-results}) one at a time for the further sinks, or none when there are
     * no further sinks to give them to.
     */
    public List<JobResult> forMore(List<JobResult> results, @ExchangeProperty(CHOSEN) String chosen) {
        return more(chosen).isEmpty() ? List.of() : results;
    }

    /**
     * {@link #recorded} for each result of a list recorded together ({@code record-results}): a log line and the
     * run summary for each; the metric counted once per outcome, route and mapping.
     */
    public void recordedAll(List<JobResult> results) {
        Map<List<String>, Long> counts = new java.util.HashMap<>();
        for (JobResult result : results) {
            logAndSum(result);
            counts.merge(Arrays.asList(result.status().value(), result.source().route(), result.mapping()), 1L,
                    Long::sum);
        }
        counts.forEach((key, count) -> metrics.jobs(key.get(0), key.get(1), key.get(2), count));
    }

    /**
     * A further sink failed: said at ERROR with the sinks and the job, counted (run summary, metric tagged with the
     * sinks); the job's outcome stands.
     */
    public void sinkFailed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        // the sink's own route logs where it failed; the recipient list keeps no trace of which sink it was
        String endpoint = String.join(",", more(exchange.getProperty(CHOSEN, String.class)));
        JobResult result = exchange.getIn().getBody(JobResult.class);
        metrics.resultSinkFailed(endpoint);
        summary.sinkFailed();
        LOG.error("A result sink of CONNECTOR_RESULT_SINKS ({}) failed for {} {} ({}): {}", endpoint, result == null ? "?" : result.status().value(),
                result == null || result.code() == null ? "" : "code=" + result.code(),
                result == null ? "" : result.source(), cause == null ? "unknown" : cause.toString());
    }

    /** The result is recorded: one log line for it, and it counts in the run summary and the metrics. */
    public void recorded(JobResult result) {
        logAndSum(result);
        metrics.job(result.status().value(), result.source().route(), result.mapping());
    }

    private void logAndSum(JobResult result) {
        // a failure that is not about one posting (a poll cycle, a file) has neither code nor name
        String line = (result.code() == null ? "{}{}" : "{} code={}") + (result.name() == null ? "{}" : " name=\"{}\"")
                + " source={}{}";
        Object detail = switch (result.status()) {
            case CREATED, UPDATED -> " interview_def_set_id=" + result.interviewDefSetId();
            // an interview result written back: the ATS application it went to (ids only, no personal data)
            case WRITTEN -> (result.detail() == null || !result.detail().hasNonNull("application") ? ""
                    : " application=" + FileNames.printable(result.detail().get("application").asText()))
                    + " interview_def_set_id=" + result.interviewDefSetId();
            // errors quote input values and file names: printed escaped, one log line per job whatever they hold
            default -> result.errors().isEmpty() ? "" : " errors=" + FileNames.printable(result.errors().toString());
        };
        boolean problem = result.status() == JobStatus.FAILED || result.status() == JobStatus.REJECTED;
        // the same facts as fields, for JSON logs (CONNECTOR_LOG_FORMAT)
        (problem ? JOBS.atWarn() : JOBS.atInfo())
                .addKeyValue("status", result.status().value())
                .addKeyValue("code", result.code())
                .addKeyValue("route", result.source().route())
                .addKeyValue("file", FileNames.printable(result.source().file()))
                .addKeyValue("record", result.source().record())
                .addKeyValue("interview_def_set_id", result.interviewDefSetId())
                .log(line, result.status().value(), result.code() == null ? "" : result.code(),
                        result.name() == null ? "" : FileNames.printable(result.name()), result.source(), detail);
        summary.accept(result);
    }

    private static List<String> split(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
