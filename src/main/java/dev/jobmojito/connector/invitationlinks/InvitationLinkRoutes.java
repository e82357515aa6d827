package dev.jobmojito.connector.invitationlinks;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:invitation-links} (route {@code invitation-links}): body in, an input's
 * {@link dev.jobmojito.connector.invitations.InvitationRun} after its invitations were recorded (the invitation
 * path calls it when {@code connector.invitation-links.writeback} is true); each new invitation's link goes through
 * {@code direct:ats-writeback} (the write-back's ledger, retries and dead letters) and its result line to
 * {@code direct:record-result}. A write that fails is the write-back's to retry or park; the invitation stays
 * recorded either way. After each write the link is no longer kept ({@code invitationLinks.noted}).
 *
 * <p>{@code invitation-links-left} (on when link write-back is; with replicas, on the leader only): at start and every minute, the link notes an
 * earlier run left (kept in the invitation ledger: it stopped or died between JobMojito's answer and the note) go
 * the same way.
 */
public final class InvitationLinkRoutes extends RouteBuilder {

    private final boolean enabled;

    /** @param enabled {@code CONNECTOR_INVITATIONS_LINK_WRITEBACK}: the round of left links runs */
    public InvitationLinkRoutes(boolean enabled) {
        this.enabled = enabled;
    }

    public InvitationLinkRoutes() {
        this(false);
    }

    @Override
    public void configure() {
        from("direct:invitation-links").routeId("invitation-links")
                .description("The interview links of new invitations written to the ATS as notes")
                .setBody(method("invitationLinks", "writes(${body})"))
                .split(body())
                    .to("direct:invitation-link-write")
                .end();

        from("direct:invitation-link-write").routeId("invitation-link-write")
                .description("One link note through the write-back; then the link is no longer kept")
                .setVariable("write", body())
                .to("direct:ats-writeback")
                .to("direct:record-result")
                .bean("invitationLinks", "noted(${variable.write})");

        if (enabled) {
            // on the leader only when replicas share the ledger (IntakeLeaderPolicy): two replicas picking up the
            // same link left by a dead one could each write its note
            from("timer:invitation-links-left?delay=0&period=60000").routeId("invitation-links-left")
                    .group(dev.jobmojito.connector.replicas.IntakeLeaderPolicy.LEADER_GROUP)
                    .description("Link notes an earlier run left, written now")
                    .setBody(method("invitationLinks", "pending"))
                    .split(body())
                        .to("direct:invitation-link-write")
                    .end();
        }
    }
}
