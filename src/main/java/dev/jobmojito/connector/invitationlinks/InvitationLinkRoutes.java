package dev.jobmojito.connector.invitationlinks;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:invitation-links} (route {@code invitation-links}): body in, an input's
 * {@link dev.jobmojito.connector.invitations.InvitationRun} after its invitations were recorded (the invitation
 * path calls it when {@code connector.invitation-links.writeback} is true); each new invitation's link goes through
 * {@code direct:ats-writeback} (the write-back's ledger, retries and dead letters) and its result line to
 * {@code direct:record-result}. A write that fails is the write-back's to retry or park; the invitation stays
 * recorded either way.
 */
public final class InvitationLinkRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:invitation-links").routeId("invitation-links")
                .description("The interview links of new invitations written to the ATS as notes")
                .setBody(method("invitationLinks", "writes(${body})"))
                .split(body())
                    .to("direct:ats-writeback")
                    .to("direct:record-result")
                .end();
    }
}
