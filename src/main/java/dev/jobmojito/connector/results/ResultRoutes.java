package dev.jobmojito.connector.results;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * The results webhook: a timer drains the outbox ({@link WebhookSender}); {@code direct:results-webhook-post}
 * is the one way out to the receiver, with explicit timeouts. Only added when a webhook URL is set.
 */
public final class ResultRoutes extends RouteBuilder {

    private final WebhookSender sender;
    private final String url;
    private final Duration timeout;

    public ResultRoutes(WebhookSender sender, String url, Duration timeout) {
        this.sender = sender;
        this.url = url;
        this.timeout = timeout;
    }

    /** No webhook configured: no routes. */
    public static ResultRoutes none() {
        return new ResultRoutes(null, null, null);
    }

    @Override
    public void configure() {
        if (sender == null) {
            return;
        }
        from("timer:results-webhook?period=1000&delay=0").routeId("results-webhook")
                .process(exchange -> sender.deliverPending());

        from("direct:results-webhook-post").routeId("results-webhook-post")
                .errorHandler(noErrorHandler())
                .to(url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false"
                        + "&connectTimeout=" + timeout.toMillis()
                        + "&connectionRequestTimeout=" + timeout.toMillis()
                        + "&responseTimeout=" + timeout.toMillis()
                        + "&soTimeout=" + timeout.toMillis());
    }
}
