/**
 * Issue 15: applications at a chosen stage in the ATS become JobMojito interview invitations, once each.
 *
 * <p>Candidate mappings ({@code mappings/candidates/<ats>.yaml}, the mapping language's second kind of file) say
 * which records to invite and how to build each user; a drop folder of application exports
 * ({@code CONNECTOR_INVITATIONS_INBOX}) brings them in; the posting ledger gives each application's interview;
 * the invitation ledger ({@code invitation_ledger}, Flyway V6) makes sure each application is registered for an
 * interview once, ever. The calls ({@code POST /job-interview-register-users}, {@code GET /merchant-result-list}
 * to reconcile a lost answer) are built by {@link dev.jobmojito.connector.invitations.Invitations} and made by
 * the route {@code invite-batch} ({@code pipeline/invitations.camel.yaml}) through {@code direct:jobmojito-call}.
 */
package dev.jobmojito.connector.invitations;
