/**
 * Writing interview results back into the ATS: a JobMojito result ({@code interviewresults.InterviewResult},
 * matched to an application) becomes a note (and optionally the PDF report as an attachment) on the candidate's
 * record, through {@code direct:ats-writeback}.
 *
 * <ul>
 *   <li>{@link dev.jobmojito.connector.writeback.ResultMappings}: the result mappings
 *       ({@code mappings/results/<source>.yaml}), what the ATS receives;</li>
 *   <li>{@link dev.jobmojito.connector.writeback.AtsWriter}: one ATS target, the bean of an {@code ats-writeback}
 *       route template instance: builds the calls and reads the answers, sends nothing;</li>
 *   <li>{@link dev.jobmojito.connector.writeback.Writeback}: the steps of one write (a
 *       {@link dev.jobmojito.connector.writeback.WritebackJob}), with the write ledger
 *       ({@link dev.jobmojito.connector.writeback.WritebackLedger}, table {@code writeback_ledger}, V5) and the dead
 *       letters of kind {@code writeback};</li>
 *   <li>{@link dev.jobmojito.connector.writeback.WritebackRoutes}: the routes that make the calls, with the
 *       delivery rules (retries, {@code Retry-After}).</li>
 * </ul>
 */
package dev.jobmojito.connector.writeback;
