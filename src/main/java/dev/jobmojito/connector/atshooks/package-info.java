/**
 * Issue 15: ATS webhooks on stage change, an optional, faster trigger of invitations beside the drop folder and the
 * polls (the backstop). One endpoint per ATS on the service's web server, each a Camel {@code platform-http} route
 * ({@link dev.jobmojito.connector.atshooks.AtsWebhookRoutes}): the body capped before anything reads it
 * ({@link dev.jobmojito.connector.common.BodySizeCap}), the signature checked as the ATS documents it in constant time
 * ({@link dev.jobmojito.connector.atshooks.Signatures}), the application made into the record its candidate mapping
 * reads ({@link dev.jobmojito.connector.atshooks.AtsWebhook}; Lever's opportunity fetched from its API, Greenhouse's
 * payload complete) and stored durably as a file in the candidates inbox
 * ({@link dev.jobmojito.connector.atshooks.AtsEventStore}) before the 2xx. From there it takes the drop folder's
 * path ({@code routes/candidates-inbox.camel.yaml}), so the invitation ledger's "once per application and interview,
 * ever" holds across webhooks, polls and files.
 */
package dev.jobmojito.connector.atshooks;
