package dev.jobmojito.connector.jobmojito;

import dev.jobmojito.connector.ops.ConnectorMetrics;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:jobmojito-call}: the one way out to JobMojito. Body in: a {@link JobMojitoClient.Call}; body
 * out: its {@link HttpAnswer}, whatever the status. Every call goes through it, so the limits (calls in flight,
 * calls per second), the timeouts, the token and the request headers are set in one place and nothing else of
 * the pipeline leaks into a request. A call that got no answer fails with
 * {@link JobMojitoClient.CallFailedException}; one whose token is known to be refused is not sent and fails
 * with {@link TokenRefusedException}. It has no error handler: a failed call goes back to the route that made
 * it, whose redelivery policy decides about retrying.
 *
 * <p>Java DSL because its throttles and the HTTP endpoint's options are computed from settings.
 */
public final class JobMojitoRoutes extends RouteBuilder {

    /** Exchange variable: the call being made, kept for a second try with a rotated token. */
    static final String CALL = "jobmojito.call";
    /** Exchange variable: the {@link Attempt} on the wire. */
    static final String ATTEMPT = "jobmojito.attempt";

    /** One try of a call: what was sent with which token, the token's turn, and when it started (ns). */
    record Attempt(JobMojitoClient.Call call, String token, TokenProbe.Turn turn, long startedNanos) {
    }

    private final JobMojitoEndpoint endpoint;
    private final ConnectorMetrics metrics;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int inFlight;
    private final double ratePerSecond;
    private final TokenProbe probe = new TokenProbe();

    /**
     * @param inFlight      most calls in flight at once, across every route (CONNECTOR_CONCURRENCY)
     * @param ratePerSecond most calls started per second across every route, 0 for no limit
     *                      (CONNECTOR_RATE_LIMIT): one merchant's quota is shared by everything the connector does
     */
    public JobMojitoRoutes(JobMojitoEndpoint endpoint, ConnectorMetrics metrics, Duration connectTimeout,
                           Duration responseTimeout, int inFlight, double ratePerSecond) {
        this.endpoint = endpoint;
        this.metrics = metrics;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.inFlight = inFlight;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public void configure() {
        var route = from("direct:jobmojito-call").routeId("jobmojito-call")
                .errorHandler(noErrorHandler())
                .setVariable(CALL, body())
                .throttle(inFlight).concurrentRequestsMode().end();
        if (ratePerSecond > 0) {
            // a period of whole calls: 2.5/s is 5 calls per 2 seconds
            long period = ratePerSecond >= 1 ? 1000 : Math.round(1000 / ratePerSecond);
            long calls = ratePerSecond >= 1 ? Math.round(ratePerSecond) : 1;
            route = route.throttle(calls).totalRequestsMode().timePeriodMillis(period).end();
        }
        route.to("direct:jobmojito-send")
                // refused, but the token file was rotated since this call was prepared: once more, new token
                .filter(exchange -> exchange.getIn().getBody(HttpAnswer.class).status() == 401
                        && endpoint.token().reload())
                    .setBody(variable(CALL))
                    .to("direct:jobmojito-send")
                .end()
                .removeVariable(CALL);

        from("direct:jobmojito-send").routeId("jobmojito-send")
                .errorHandler(noErrorHandler())
                .process(this::prepare)
                .doTry()
                    // one endpoint for every call: the path and query come per call in CamelHttpPath/CamelHttpQuery,
                    // so the options below stay endpoint options and never reach JobMojito as query parameters
                    .to(endpoint.baseUrl() + "?throwExceptionOnFailure=false"
                            + "&connectTimeout=" + connectTimeout.toMillis()
                            + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                            + "&responseTimeout=" + responseTimeout.toMillis()
                            + "&soTimeout=" + responseTimeout.toMillis()
                            + "&followRedirects=false")
                .doCatch(Exception.class)
                    .process(this::noAnswer)
                .end()
                .process(this::read);
    }

    /**
     * Replaces the message with exactly the call: method, query, JSON body and the bearer token. The first call
     * with a token nobody has an answer for goes alone and the others wait for its answer ({@link TokenProbe}),
     * so a refused token costs one 401, not one per call in flight.
     */
    private void prepare(Exchange exchange) {
        JobMojitoClient.Call call = exchange.getIn().getBody(JobMojitoClient.Call.class);
        String token = endpoint.token().current();
        TokenProbe.Turn turn = probe.enter(token);
        if (turn == TokenProbe.Turn.REFUSED) {
            throw new TokenRefusedException("JobMojito refused the API token (401) from " + endpoint.token().origin()
                    + " (answered to an earlier call; this one was not sent)");
        }
        metrics.callStarted();
        exchange.setVariable(ATTEMPT, new Attempt(call, token, turn, System.nanoTime()));
        var message = exchange.getIn();
        message.removeHeaders("*");
        message.setHeader("Authorization", "Bearer " + token);
        message.setHeader("Accept", "application/json");
        // the enum itself: a String would go through a type converter lookup on every call
        message.setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.valueOf(call.method()));
        message.setHeader(Exchange.HTTP_PATH, call.path());
        if (call.query() != null) {
            message.setHeader(Exchange.HTTP_QUERY, call.query());
        }
        if (call.body() != null) {
            message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            message.setBody(call.body());
        } else {
            message.setBody(null);
        }
    }

    /** The call got no answer: the token has no verdict, and the failure goes back as a CallFailedException. */
    private void noAnswer(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Attempt attempt = ended(exchange, null);
        metrics.request(attempt.call().path(), failure.getClass().getSimpleName(), took(attempt));
        throw failure instanceof JobMojitoClient.CallFailedException failed ? failed
                : new JobMojitoClient.CallFailedException(failure);
    }

    private void read(Exchange exchange) {
        var message = exchange.getIn();
        message.removeHeader("Authorization");
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        Attempt attempt = ended(exchange, status == 401 ? Boolean.FALSE
                : status == 408 || status == 429 || status >= 500 ? null : Boolean.TRUE);
        metrics.request(attempt.call().path(), (status / 100) + "xx", took(attempt));
        message.setBody(new HttpAnswer(status, body == null ? "" : body, message.getHeader("Retry-After", String.class)));
    }

    /** @param verdict what the answer says about the token: see {@link TokenProbe#answered} */
    private Attempt ended(Exchange exchange, Boolean verdict) {
        Attempt attempt = exchange.getVariable(ATTEMPT, Attempt.class);
        exchange.removeVariable(ATTEMPT);
        metrics.callEnded();
        if (attempt.turn() == TokenProbe.Turn.PROVE || Boolean.FALSE.equals(verdict)) {
            probe.answered(attempt.token(), verdict);
        }
        return attempt;
    }

    private static Duration took(Attempt attempt) {
        return Duration.ofNanos(System.nanoTime() - attempt.startedNanos());
    }
}
