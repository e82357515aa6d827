package dev.jobmojito.connector.ops;

import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.ResultSink;

/** Counts every outcome by status, route and mapping. */
public final class MetricsSink implements ResultSink {

    private final ConnectorMetrics metrics;

    public MetricsSink(ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void accept(JobResult result) {
        metrics.job(result.status().value(), result.source().route(), result.mapping());
    }
}
