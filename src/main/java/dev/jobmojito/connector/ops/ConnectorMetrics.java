package dev.jobmojito.connector.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The connector's own meters (camel-micrometer is not available at our Camel version), published in Prometheus
 * format at {@code /actuator/prometheus}:
 *
 * <ul>
 *   <li>{@code connector_jobs_total{status,route,mapping}}: job outcomes;</li>
 *   <li>{@code connector_jobmojito_requests_seconds{endpoint,outcome}}: JobMojito latency, as a histogram;</li>
 *   <li>{@code connector_jobmojito_in_flight}: calls in flight now;</li>
 *   <li>{@code connector_retries_total}, {@code connector_reconciliations_total{outcome}};</li>
 *   <li>{@code connector_ledger_postings}, {@code connector_dead_letters}, {@code connector_webhook_pending}.</li>
 * </ul>
 */
public final class ConnectorMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter retries;

    public ConnectorMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("connector.jobmojito.in_flight", inFlight);
        this.retries = Counter.builder("connector.retries").description("Calls to JobMojito tried again")
                .register(registry);
    }

    /** Meters that go nowhere, for code run without Spring (commands, tests of parts). */
    public static ConnectorMetrics none() {
        return new ConnectorMetrics(new SimpleMeterRegistry());
    }

    public void job(String status, String route, String mapping) {
        jobs(status, route, mapping, 1);
    }

    /** {@link #job} for {@code count} jobs of the same outcome, route and mapping at once. */
    public void jobs(String status, String route, String mapping, long count) {
        Counter.builder("connector.jobs").description("Job outcomes").tag("status", status)
                .tag("route", route == null ? "unknown" : route).tag("mapping", mapping == null ? "none" : mapping)
                .register(registry).increment(count);
    }

    /** A result sink of CONNECTOR_RESULT_SINKS failed to take a result (the job's outcome stands). */
    public void resultSinkFailed(String endpoint) {
        Counter.builder("connector.result.sink.failures").description("Results a sink of CONNECTOR_RESULT_SINKS "
                + "failed to take").tag("sink", endpoint).register(registry).increment();
    }

    /** Times a call to JobMojito; the outcome is an HTTP status class or the failure's kind. */
    public void request(String endpoint, String outcome, Duration took) {
        Timer.builder("connector.jobmojito.requests").description("Calls to JobMojito").tag("endpoint", endpoint)
                .tag("outcome", outcome).publishPercentileHistogram().register(registry).record(took);
    }

    public void callStarted() {
        inFlight.incrementAndGet();
    }

    public void callEnded() {
        inFlight.decrementAndGet();
    }

    public void retry() {
        retries.increment();
    }

    public void reconciliation(boolean adopted) {
        Counter.builder("connector.reconciliations").description("Lost answers looked up in JobMojito")
                .tag("outcome", adopted ? "adopted" : "not_found").register(registry).increment();
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
    }
}
