package dev.jobmojito.connector.results;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * The results webhook's delivery, added only when a webhook URL is set (in Java for that reason, and because the
 * receiver's URL takes timeouts computed from settings). A timer starts a round every second on every replica; a
 * round claims the outbox's results oldest first ({@link WebhookSender#prepare}: a row no other replica holds),
 * posts each to the receiver, and lets {@link WebhookSender#answered} decide what its answer means, until nothing
 * is left to claim or a delivery fails. Results reach the outbox (a table of the ledger database) through the
 * {@code results-webhook-outbox} sink route of {@code pipeline/results.camel.yaml}.
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
                .to("direct:results-webhook-round");

        from("direct:results-webhook-round").routeId("results-webhook-round")
                .errorHandler(noErrorHandler())
                .loopDoWhile(method(sender, "due"))
                    .bean(sender, "prepare")
                    // nothing left to claim: this iteration sends nothing and the loop ends
                    .filter(exchangeProperty(WebhookSender.DELIVERING).isNotNull())
                    .doTry()
                        .to(url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false"
                                + "&connectTimeout=" + timeout.toMillis()
                                + "&connectionRequestTimeout=" + timeout.toMillis()
                                + "&responseTimeout=" + timeout.toMillis()
                                + "&soTimeout=" + timeout.toMillis())
                    .doCatch(Exception.class)
                    .end()
                    .bean(sender, "answered")
                    .end()
                .end();
    }
}
