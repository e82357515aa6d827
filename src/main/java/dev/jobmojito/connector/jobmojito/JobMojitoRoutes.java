package dev.jobmojito.connector.jobmojito;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:jobmojito-call}: the one way out to JobMojito. Every call of {@link JobMojitoClient} goes
 * through it, so the timeouts, the token and the request headers are set in one place and nothing else of the
 * pipeline leaks into a request. It has no error handler: a failed call goes back to whoever made it, whose
 * redelivery policy decides about retrying.
 */
public final class JobMojitoRoutes extends RouteBuilder {

    /** Exchange property: the {@link JobMojitoClient.Call} to make. */
    public static final String CALL = "connectorJobMojitoCall";
    /** Exchange property: the token to send, the one {@link JobMojitoClient} checked (read now when absent). */
    public static final String TOKEN = "connectorJobMojitoToken";

    private final JobMojitoEndpoint endpoint;
    private final Duration connectTimeout;
    private final Duration responseTimeout;
    private final int inFlight;
    private final double ratePerSecond;

    /**
     * @param inFlight      most calls in flight at once, across every route (CONNECTOR_CONCURRENCY)
     * @param ratePerSecond most calls started per second across every route, 0 for no limit
     *                      (CONNECTOR_RATE_LIMIT): one merchant's quota is shared by everything the connector does
     */
    public JobMojitoRoutes(JobMojitoEndpoint endpoint, Duration connectTimeout, Duration responseTimeout,
                           int inFlight, double ratePerSecond) {
        this.endpoint = endpoint;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
        this.inFlight = inFlight;
        this.ratePerSecond = ratePerSecond;
    }

    @Override
    public void configure() {
        var route = from("direct:jobmojito-call").routeId("jobmojito-call")
                .errorHandler(noErrorHandler())
                .throttle(inFlight).concurrentRequestsMode().end();
        if (ratePerSecond > 0) {
            // a period of whole calls: 2.5/s is 5 calls per 2 seconds
            long period = ratePerSecond >= 1 ? 1000 : Math.round(1000 / ratePerSecond);
            long calls = ratePerSecond >= 1 ? Math.round(ratePerSecond) : 1;
            route = route.throttle(calls).totalRequestsMode().timePeriodMillis(period).end();
        }
        route.process(this::prepare)
                // one endpoint for every call: the path and query come per call in CamelHttpPath/CamelHttpQuery,
                // so the options below stay endpoint options and never reach JobMojito as query parameters
                .to(endpoint.baseUrl() + "?throwExceptionOnFailure=false"
                        + "&connectTimeout=" + connectTimeout.toMillis()
                        + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                        + "&responseTimeout=" + responseTimeout.toMillis()
                        + "&soTimeout=" + responseTimeout.toMillis()
                        + "&followRedirects=false")
                .process(this::read);
    }

    /** Replaces the message with exactly the call: method, query, JSON body and the bearer token. */
    private void prepare(Exchange exchange) {
        JobMojitoClient.Call call = exchange.getProperty(CALL, JobMojitoClient.Call.class);
        var message = exchange.getIn();
        message.removeHeaders("*");
        String token = exchange.getProperty(TOKEN, String.class);
        exchange.removeProperty(TOKEN);
        message.setHeader("Authorization", "Bearer " + (token != null ? token : endpoint.token().current()));
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

    private void read(Exchange exchange) {
        var message = exchange.getIn();
        message.removeHeader("Authorization");
        int status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = message.getBody(String.class);
        message.setBody(new HttpAnswer(status, body == null ? "" : body, message.getHeader("Retry-After", String.class)));
    }
}
