package dev.jobmojito.connector.poll;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ats-fetch}: one GET of an ATS API page, the next call of the {@link PageCall} that is the body
 * (a posting poll's cycle, sent by the enricher of {@code process-poll}; an application poll's, by
 * {@code process-application-poll}); the answer becomes an {@link AtsPage}. The URL comes per call in {@code CamelHttpUri}, so the
 * timeouts below stay endpoint options and never reach the ATS as query parameters. No error handler and no
 * retry of its own: a poll that cannot read every page fails as a whole and is tried again next time.
 */
public final class AtsFetchRoutes extends RouteBuilder {

    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public AtsFetchRoutes(Duration connectTimeout, Duration responseTimeout) {
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public void configure() {
        from("direct:ats-fetch").routeId("ats-fetch")
                .errorHandler(noErrorHandler())
                .process(exchange -> {
                    // exactly the next call of the cycle (the body): its URL and headers, nothing else
                    PageCall cycle = exchange.getIn().getBody(PageCall.class);
                    var message = exchange.getIn();
                    message.removeHeaders("*");
                    cycle.headers().forEach(message::setHeader);
                    message.setHeader(Exchange.HTTP_URI, cycle.nextUrl());
                    message.setHeader(Exchange.HTTP_METHOD, "GET");
                    message.setBody(null);
                })
                .to("http://ats-api?throwExceptionOnFailure=false"
                        + "&connectTimeout=" + connectTimeout.toMillis()
                        + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                        + "&responseTimeout=" + responseTimeout.toMillis()
                        + "&soTimeout=" + responseTimeout.toMillis())
                .process(exchange -> {
                    var message = exchange.getIn();
                    // the bytes as they came: decoding is the reader's decision, made once (AtsPage)
                    byte[] body = message.getBody(byte[].class);
                    message.setBody(new AtsPage(message.getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class),
                            body == null ? new byte[0] : body, message.getHeader(Exchange.CONTENT_TYPE, String.class),
                            message.getHeader("Link", String.class)));
                });
    }
}
