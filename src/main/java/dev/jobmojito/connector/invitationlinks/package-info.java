/**
 * Issue 15: the interview link of each new invitation written to the application's ATS record as a note, when
 * configured ({@code CONNECTOR_INVITATIONS_LINK_WRITEBACK=true}, useful with {@code send_email=false}), through the
 * write-back ({@code direct:ats-writeback}): the same targets, write ledger (one note per invitation, ever), retries
 * and dead letters as interview results. The note's text comes from a link mapping ({@code mappings/links/
 * <source>.yaml}, {@code default.yaml}). The link is a bearer link: it is in the note, never in a log line.
 */
package dev.jobmojito.connector.invitationlinks;
