package dev.jobmojito.connector.interviewresults;

import dev.jobmojito.connector.results.JobResult;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of interview results coming back from JobMojito (issue 14, receiving):
 * <ul>
 *   <li>{@code interview-results-receive}: {@code platform-http:<path>} on the service's web server, POST only.
 *       Body in: a delivery; out: {@link ResultWebhook}'s answer, given after the version is stored.</li>
 *   <li>{@code interview-results-process}: every {@code processInterval}, each stored version that is due, one
 *       at a time: {@link ResultProcessing#decide}; a matched result goes to {@code direct:ats-writeback} (body in:
 *       {@link dev.jobmojito.connector.interviewresults.InterviewResult}, out: {@link JobResult}); the result line
 *       to {@code direct:record-result} (every result sink); then the version is done. A failure leaves it
 *       pending for a later try.</li>
 *   <li>{@code interview-results-reconcile}: every {@code reconcileInterval} (when not 0), the pages of
 *       {@code GET /merchant-result-list} through {@code direct:jobmojito-call}, stored like webhooks.</li>
 * </ul>
 * Java DSL because whether each route exists, its path and its timers come from settings; made only when the
 * webhook secret is set ({@link #none()} otherwise).
 */
public final class InterviewResultRoutes extends RouteBuilder {

    private final String path;
    private final String header;
    private final boolean receive;
    private final Duration processInterval;
    private final Duration reconcileInterval;

    private InterviewResultRoutes(String path, String header, boolean receive, Duration processInterval,
                                  Duration reconcileInterval) {
        this.path = path;
        this.header = header;
        this.receive = receive;
        this.processInterval = processInterval;
        this.reconcileInterval = reconcileInterval;
    }

    /**
     * @param path              the endpoint's path, e.g. {@code /webhooks/jobmojito}
     * @param header            the custom header holding the shared secret
     * @param receive           whether a web server runs to receive on (service mode); the other routes run anyway
     * @param processInterval   how often stored versions are looked for
     * @param reconcileInterval how often the result list is asked; zero or null for never
     */
    public static InterviewResultRoutes of(String path, String header, boolean receive, Duration processInterval,
                                           Duration reconcileInterval) {
        return new InterviewResultRoutes(path, header, receive, processInterval, reconcileInterval);
    }

    /** No routes: receiving is off (no webhook secret). */
    public static InterviewResultRoutes none() {
        return new InterviewResultRoutes(null, null, false, null, null);
    }

    @Override
    public void configure() {
        if (processInterval == null) {
            return;
        }
        if (receive) {
            from("platform-http:" + path + "?httpMethodRestrict=POST&matchOnUriPrefix=false")
                    .routeId("interview-results-receive")
                    .description("JobMojito's result webhooks: the shared secret checked, each version stored once, "
                            + "then acknowledged")
                    .errorHandler(noErrorHandler())
                    .doTry()
                        .setBody(method("resultWebhook", "receive(${header[" + header + "]}, ${header.event}, "
                                + "${bodyAs(String)})"))
                    .doCatch(Exception.class)
                        .setBody(constant(new ResultWebhook.Receipt(500, "{\"outcome\":\"error\"}")))
                    .end()
                    // nothing of the request (its secret header above all) goes back in the answer
                    .removeHeaders("*")
                    .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.status}"))
                    .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                    .setBody(simple("${body.body}"));
        }

        long every = Math.max(1, processInterval.toMillis());
        from("timer:interview-results-process?period=" + every + "&delay=" + every)
                .routeId("interview-results-process")
                .description("Stored interview results, each due version in turn, until none is left")
                .errorHandler(noErrorHandler())
                .setVariable("more", constant(true))
                .loopDoWhile(simple("${variable.more}"))
                    .setVariable("claim", method("resultProcessing", "claim"))
                    .choice()
                        .when(simple("${variable.claim} == null"))
                            .setVariable("more", constant(false))
                        .otherwise()
                            .to("direct:interview-results-process-one")
                    .end()
                .end();

        from("direct:interview-results-process-one")
                .routeId("interview-results-process-one")
                .description("One claimed version: handled, or left pending for a later try when that fails; "
                        + "its claim ends either way")
                .errorHandler(noErrorHandler())
                .doTry()
                    .to("direct:interview-results-handle")
                .doCatch(Exception.class)
                    .bean("resultProcessing", "failed(${variable.claim}, ${exception})")
                .doFinally()
                    .process(exchange -> exchange.getVariable("claim", ReceivedResults.Claim.class).close())
                .end();

        from("direct:interview-results-handle")
                .routeId("interview-results-handle")
                .description("One version matched: written back through direct:ats-writeback when it names an "
                        + "application, its result line to every result sink, then done")
                .errorHandler(noErrorHandler())
                .setBody(method("resultProcessing", "decide(${variable.claim})"))
                .choice()
                    .when(body().isInstanceOf(InterviewResult.class))
                        // the write-back side (writeback.WritebackRoutes); tests put a stand-in of their own in its place
                        .to("{{connector.interview-results.writeback-endpoint:direct:ats-writeback}}")
                .end()
                .convertBodyTo(JobResult.class)
                .to("direct:record-result")
                .bean("resultProcessing", "done(${variable.claim}, ${body})");

        if (reconcileInterval != null && !reconcileInterval.isZero() && !reconcileInterval.isNegative()) {
            long period = reconcileInterval.toMillis();
            from("timer:interview-results-reconcile?period=" + period + "&delay=" + Math.min(period, 60_000))
                    .routeId("interview-results-reconcile")
                    .description("Missed result webhooks found in GET /merchant-result-list, stored like webhooks")
                    .errorHandler(noErrorHandler())
                    .doTry()
                        .to("direct:interview-results-reconcile-pass")
                    .doCatch(Exception.class)
                        .log(org.apache.camel.LoggingLevel.WARN, InterviewResultRoutes.class.getName(),
                                "The reconciliation of interview results failed (${exception.class.simpleName}); the "
                                        + "watermark stays, the next pass tries again")
                    .end();

            from("direct:interview-results-reconcile-pass")
                    .routeId("interview-results-reconcile-pass")
                    .description("One pass: each page of GET /merchant-result-list through direct:jobmojito-call")
                    .errorHandler(noErrorHandler())
                    .setVariable("pass", method("resultReconciliation", "start"))
                    .loopDoWhile(simple("${variable.pass.call} != null"))
                        .setBody(simple("${variable.pass.call}"))
                        .to("direct:jobmojito-call")
                        .bean("resultReconciliation", "page(${variable.pass}, ${body})")
                    .end()
                    .bean("resultReconciliation", "end(${variable.pass})");
        }
    }
}
