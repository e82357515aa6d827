/**
 * Issue 15, sources of applications: polls of the ATS's applications API (Greenhouse Harvest v3 candidates, Lever
 * opportunities, Workable candidates, others through the {@code ats-applications-poll} route template), filtered
 * by stage and by an {@code updated_after} watermark kept in the ledger's database
 * ({@code application_poll_watermark}, Flyway V9). Each page's applications go into the same invitation path as a
 * dropped file's ({@code pipeline/invitations.camel.yaml}: the candidate mappings, the invitation ledger's "one
 * invitation per application and interview, ever"), and the watermark moves only after they were recorded. The
 * polls are intake routes (group {@code intake}): with replicas they run on the one that leads the intake.
 */
package dev.jobmojito.connector.applicationpolls;
