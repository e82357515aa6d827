package dev.jobmojito.connector.atshooks;

import dev.jobmojito.connector.writeback.WritebackRoutes;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;

/**
 * The ATS webhook endpoints on the service's web server, each a {@code platform-http} route, POST only. Body in: the
 * raw bytes (capped by {@link dev.jobmojito.connector.common.BodySizeCap} before this route runs); out: {@link AtsWebhook}'s answer, given after the
 * application is stored in the candidates inbox.
 * <ul>
 *   <li>{@code ats-webhook-greenhouse}: {@link AtsWebhook#greenhouse} (signature, then the record stored);</li>
 *   <li>{@code ats-webhook-lever}: {@link AtsWebhook#lever} (signature), then the opportunity fetched from Lever's
 *       API through {@code direct:ats-write-call} (the write-back's one HTTP call; its timeouts), then
 *       {@link AtsWebhook#leverFetched} stores it.</li>
 * </ul>
 * Nothing of the request (its signature above all) goes back in the answer. Java DSL because whether each route
 * exists and its path come from settings.
 */
public final class AtsWebhookRoutes extends RouteBuilder {

    private final String greenhousePath;
    private final String leverPath;

    /**
     * @param greenhousePath the Greenhouse endpoint's path, or null when it is off
     * @param leverPath      the Lever endpoint's path, or null when it is off
     */
    public AtsWebhookRoutes(String greenhousePath, String leverPath) {
        this.greenhousePath = greenhousePath;
        this.leverPath = leverPath;
    }

    /** No endpoint (no ATS webhook configured, or no web server in this mode). */
    public static AtsWebhookRoutes none() {
        return new AtsWebhookRoutes(null, null);
    }

    @Override
    public void configure() {
        if (greenhousePath != null) {
            answer(from("platform-http:" + greenhousePath + "?httpMethodRestrict=POST&matchOnUriPrefix=false")
                    .routeId("ats-webhook-greenhouse")
                    .description("Greenhouse's candidate stage change web hook: signature checked, the application "
                            + "stored in the candidates inbox, then acknowledged")
                    .errorHandler(noErrorHandler())
                    .doTry()
                        .setBody(method("atsWebhook", "greenhouse(${header.Signature}, ${bodyAs(byte[])})"))
                    .doCatch(Exception.class)
                        .setBody(constant(new AtsWebhook.Receipt(500, "{\"outcome\":\"error\"}")))
                    .end());
        }
        if (leverPath != null) {
            answer(from("platform-http:" + leverPath + "?httpMethodRestrict=POST&matchOnUriPrefix=false")
                    .routeId("ats-webhook-lever")
                    .description("Lever's candidate stage change webhook: signature checked, the opportunity fetched "
                            + "from Lever's API, stored in the candidates inbox, then acknowledged")
                    .errorHandler(noErrorHandler())
                    .setVariable("delivery", method("atsWebhook", "lever(${bodyAs(byte[])})"))
                    .filter(simple("${variable.delivery.call} != null"))
                        .doTry()
                            .setBody(simple("${variable.delivery.call}"))
                            // counted against Lever's rate limit with the write-back's own calls to Lever
                            .setVariable(WritebackRoutes.RATE_TARGET, constant("lever"))
                            .setVariable(WritebackRoutes.RATE_LIMIT,
                                    simple("{{connector.writeback.lever.rate-limit:0}}"))
                            .to("direct:ats-write-call")
                            .bean("atsWebhook", "leverFetched(${variable.delivery}, ${body})")
                        .doCatch(Exception.class)
                            .bean("atsWebhook", "leverUnreachable(${variable.delivery}, ${exception})")
                        .end()
                    .end()
                    .setBody(simple("${variable.delivery.receipt}")));
        }
    }

    private void answer(ProcessorDefinition<?> route) {
        route.removeHeaders("*")
                .setHeader(Exchange.HTTP_RESPONSE_CODE, simple("${body.status}"))
                .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                .setBody(simple("${body.body}"));
    }
}
