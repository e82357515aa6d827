package dev.jobmojito.connector.applicationpolls;

import java.time.Duration;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:application-page-fetch}: one GET of a page of the ATS's applications, the next call of the
 * {@link ApplicationPollCycle} that is the body; the answer becomes an {@link ApplicationPage}. The URL comes per
 * call in {@code CamelHttpUri}, so the timeouts stay endpoint options; automatic retries are off for the http
 * component as a whole (application.yaml). No error handler: a page that cannot be read fails
 * the cycle, which stores nothing and is tried again next time. Java, because the timeouts are computed from
 * settings.
 */
public final class ApplicationPollRoutes extends RouteBuilder {

    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public ApplicationPollRoutes(Duration connectTimeout, Duration responseTimeout) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public void configure() {
        from("direct:application-page-fetch").routeId("application-page-fetch")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    ApplicationPollCycle cycle = exchange.getIn().getBody(ApplicationPollCycle.class);
                    var message = exchange.getIn();
                    message.removeHeaders("*");
                    cycle.headers().forEach(message::setHeader);
                    message.setHeader(Exchange.HTTP_URI, cycle.nextUrl());
                    message.setHeader(Exchange.HTTP_METHOD, "GET");
                    message.setBody(null);
                })
                .to("http://ats-applications?throwExceptionOnFailure=false"
                        + "&connectTimeout=" + connectTimeout.toMillis()
                        + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                        + "&responseTimeout=" + responseTimeout.toMillis()
                        + "&soTimeout=" + responseTimeout.toMillis())
                .process(exchange -> {
                    var message = exchange.getIn();
                    byte[] body = message.getBody(byte[].class);
                    message.setBody(new ApplicationPage(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0,
                            Integer.class), body == null ? new byte[0] : body,
                            message.getHeader(Exchange.CONTENT_TYPE, String.class),
                            message.getHeader("Link", String.class)));
                });
    }

    /**
     * How {@code process-application-poll}'s enricher takes in one answer: into the cycle that is the body (or
     * the call's failure, which fails the cycle). The exchange keeps the cycle as its body.
     */
    public static final class Pages implements AggregationStrategy {

        @Override
        public Exchange aggregate(Exchange cycleExchange, Exchange answerExchange) {
            ApplicationPollCycle cycle = cycleExchange.getIn().getBody(ApplicationPollCycle.class);
            Exception error = answerExchange.getException();
            cycle.take(error == null ? answerExchange.getIn().getBody(ApplicationPage.class) : null, error);
            return cycleExchange;
        }
    }
}
