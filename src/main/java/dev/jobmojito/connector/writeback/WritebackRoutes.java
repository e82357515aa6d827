package dev.jobmojito.connector.writeback;

import dev.jobmojito.connector.delivery.DeliveryRules;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The write-back routes. {@code direct:ats-writeback}: body in an {@link InterviewResult} (matched), body out its
 * {@link dev.jobmojito.connector.results.JobResult} ({@code written}, {@code skipped}, {@code rejected},
 * {@code failed}); the header {@value #LETTER} names the dead letter a replayed result comes from. The caller
 * records the result line ({@code direct:record-result}).
 *
 * <ol>
 *   <li>{@code ats-writeback}: the result mapping renders the note; the target is {@code writeback-<source>}
 *       when that route runs (a route file made from the {@code ats-writeback} template), else the default;</li>
 *   <li>{@code ats-writeback-job}: the target's route attaches its {@link AtsWriter} (when configured; else the
 *       default target takes the job), one delivery per result version at a time;</li>
 *   <li>{@code ats-writeback-deliver}: the delivery rules: a try that may pass ({@link RetryableWriteException}:
 *       429, 408, 5xx, no answer) is tried again, the ATS's {@code Retry-After} obeyed (capped by
 *       {@code CONNECTOR_RETRY_AFTER_CAP}), else exponential back-off with jitter, up to
 *       {@code CONNECTOR_RETRY_MAX_ATTEMPTS}; then, or for anything else, the write is parked;</li>
 *   <li>{@code ats-writeback-conversation}: one try: the calls the {@link Writeback} steps ask for, until the
 *       outcome is known, each made by</li>
 *   <li>{@code ats-write-call}: one HTTP call to the ATS (body: the {@link WriteCall}; out: an {@link HttpAnswer}),
 *       or one file written for the local stand-in, started no faster than the ATS's rate limit (variables
 *       {@value #RATE_TARGET} and {@value #RATE_LIMIT}: a throttle per ATS). Polls use it too, for their OAuth
 *       token requests, and the ATS webhooks for their fetches.</li>
 * </ol>
 *
 * <p>Java DSL because the retry rules and timeouts are computed from settings.
 */
public final class WritebackRoutes extends RouteBuilder {

    /**
     * Variables a caller of {@code direct:ats-write-call} sets to have its call counted against an ATS's rate
     * limit: the ATS (the throttle's key) and its calls per second (0 or unset: no limit).
     */
    public static final String RATE_TARGET = "atsRateTarget";
    public static final String RATE_LIMIT = "atsRateLimit";

    /** Header: the dead letter a replayed result comes from. */
    public static final String LETTER = "connectorWritebackLetter";
    private static final String JOB = "writeback";

    private final Writeback writeback;
    private final ConnectorProperties.Retry retry;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public WritebackRoutes(Writeback writeback, ConnectorProperties.Retry retry, Duration connectTimeout,
                           Duration responseTimeout) {
        this.writeback = writeback;
        this.retry = retry;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public void configure() {
        from("direct:ats-writeback").routeId("ats-writeback")
                .process(exchange -> {
                    InterviewResult result = exchange.getIn().getBody(InterviewResult.class);
                    String letter = exchange.getIn().getHeader(LETTER, String.class);
                    exchange.getIn().removeHeader(LETTER);
                    exchange.getIn().setBody(writeback.start(result, letter, exchange.getContext()));
                })
                .to("direct:ats-writeback-job")
                .bean(writeback, "result");

        from("direct:ats-writeback-job").routeId("ats-writeback-job")
                .filter(simple("${body.decided} == false"))
                    // the target's route: its writer attaches itself when it is configured
                    .toD("${body.targetEndpoint}")
                    .process(exchange -> writeback.fallBack(job(exchange), exchange.getContext()))
                    .filter(simple("${body.writer} == null && ${body.decided} == false"))
                        .toD("${body.targetEndpoint}")
                    .end()
                    .filter(simple("${body.writer} != null && ${body.decided} == false"))
                        .filter(exchange -> writeback.claim(job(exchange)))
                            .doTry()
                                .to("direct:ats-writeback-deliver")
                            .doFinally()
                                .process(exchange -> writeback.release(job(exchange)))
                            .end()
                        .end()
                    .end()
                .end();

        var deliver = from("direct:ats-writeback-deliver").routeId("ats-writeback-deliver");
        DeliveryRules.backOff(deliver.onException(RetryableWriteException.class), retry)
                    .onExceptionOccurred(writeback::attemptFailed)
                    // parked; the job goes on (continued, not handled: a handled exchange would stop routing
                    // here, before the result is made and the job's key released)
                    .continued(true)
                    .process(this::failed)
                .end()
                .onException(Exception.class)
                    .continued(true)
                    .logExhausted(false)
                    .process(this::failed)
                .end()
                .to("direct:ats-writeback-conversation")
                // the answer was lost where the ATS cannot be asked: a person decides
                .filter(simple("${body.parkReason} != null && ${body.decided} == false"))
                    .process(exchange -> writeback.failed(job(exchange), null))
                .end();

        from("direct:ats-writeback-conversation").routeId("ats-writeback-conversation")
                .errorHandler(noErrorHandler())
                .setVariable(JOB, body())
                .doTry()
                    .process(exchange -> writeback.attempt(job(exchange)))
                    .loopDoWhile(simple("${variable." + JOB + ".call} != null"))
                        .setBody(simple("${variable." + JOB + ".call}"))
                        .setVariable(RATE_TARGET, simple("${variable." + JOB + ".target}"))
                        .setVariable(RATE_LIMIT, simple("${variable." + JOB + ".writer.rateLimit}"))
                        .to("direct:ats-write-call")
                        .process(exchange -> {
                            HttpAnswer answer = exchange.getIn().getBody(HttpAnswer.class);
                            WritebackJob job = exchange.getVariable(JOB, WritebackJob.class);
                            exchange.getIn().setBody(job);
                            writeback.answer(job, answer);
                        })
                    .end()
                .endDoTry()
                .doFinally()
                    // a failed call leaves its own message behind: the job goes back to the rules as the body
                    .setBody(variable(JOB))
                .end();

        from("direct:ats-write-call").routeId("ats-write-call")
                .errorHandler(noErrorHandler())
                // the ATS's rate limit: one throttle per ATS, shared by every call to it (notes, look-ups, the
                // fetches of its webhooks), so a slow ATS holds back only its own calls
                .filter(simple("${variable." + RATE_LIMIT + "} > 0"))
                    .throttle(simple("${variable." + RATE_LIMIT + "}"))
                        .totalRequestsMode().timePeriodMillis(1000)
                        .correlationExpression(simple("${variable." + RATE_TARGET + "}"))
                    .end()
                .end()
                .choice()
                    .when(exchange -> exchange.getIn().getBody(WriteCall.class).purpose() == WriteCall.Purpose.FILE)
                        .process(exchange -> {
                            WriteCall call = exchange.getIn().getBody(WriteCall.class);
                            var message = exchange.getIn();
                            message.removeHeaders("*");
                            exchange.setVariable("writebackFolder", call.file().getParent().toAbsolutePath()
                                    .toString());
                            message.setHeader(Exchange.FILE_NAME, call.file().getFileName().toString());
                            message.setBody(call.body());
                        })
                        .doTry()
                            .toD("file:${variable.writebackFolder}?tempPrefix=.writing-&fileExist=Override")
                            .setBody(constant(new HttpAnswer(201, "", null)))
                        .doCatch(Exception.class)
                            .process(this::noAnswer)
                        .end()
                    .endChoice()
                    .otherwise()
                        .process(WritebackRoutes::prepare)
                        .doTry()
                            // the URL comes per call in CamelHttpUri: these options stay endpoint options
                            .to("http://ats-writeback?throwExceptionOnFailure=false"
                                    + "&connectTimeout=" + connectTimeout.toMillis()
                                    + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                                    + "&responseTimeout=" + responseTimeout.toMillis()
                                    + "&soTimeout=" + responseTimeout.toMillis()
                                    + "&followRedirects=false")
                            .process(WritebackRoutes::read)
                        .doCatch(Exception.class)
                            .process(this::noAnswer)
                        .end()
                    .endChoice()
                .end();
    }

    private static WritebackJob job(Exchange exchange) {
        return exchange.getIn().getBody(WritebackJob.class);
    }

    /** Exactly the call: method, URL, headers, body; nothing else of the pipeline leaks into the request. */
    private static void prepare(Exchange exchange) {
        WriteCall call = exchange.getIn().getBody(WriteCall.class);
        var message = exchange.getIn();
        message.removeHeaders("*");
        call.headers().forEach(message::setHeader);
        message.setHeader(Exchange.HTTP_URI, call.url());
        message.setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.valueOf(call.method()));
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, call.contentType());
            message.setBody(call.body());
        } else {
            message.setBody(null);
        }
    }

    private static void read(Exchange exchange) {
        var message = exchange.getIn();
        message.removeHeader("Authorization");
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        message.setBody(new HttpAnswer(status, body == null ? "" : body, message.getHeader("Retry-After",
                String.class)));
        message.removeHeaders("*");
    }

    private void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        WritebackJob job = exchange.getVariable(JOB, WritebackJob.class);
        if (job == null) {
            // a call of another route (a poll's token request): no write-back job, no ledger
            throw new RetryableWriteException("no answer (" + failure.getClass().getSimpleName() + ")", null, null,
                    false);
        }
        writeback.noAnswer(job, failure);
    }

    private void failed(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        WritebackJob job = exchange.getVariable(JOB, WritebackJob.class);
        if (job == null) {
            job = exchange.getIn().getBody(WritebackJob.class);
        }
        exchange.getIn().setBody(job);
        writeback.failed(job, cause);
    }
}
