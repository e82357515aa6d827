package dev.jobmojito.connector.interviewresults;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Receiving JobMojito's interview results ({@code connector.interview-results.*}, fed by
 * {@code CONNECTOR_INTERVIEW_RESULTS_*} variables). Everything here is off until a webhook secret is set.
 *
 * @param webhookPath        the path of the receiving endpoint on the service's web server
 * @param webhookHeader      the custom header JobMojito is configured to send with the shared secret
 * @param webhookSecret      the shared secret (never logged)
 * @param webhookSecretFile  a file holding the secret; wins over webhookSecret
 * @param events             the events processed, comma-separated; others are acknowledged and dropped
 * @param processInterval    how often stored results are looked for (and processed, all that are due)
 * @param retryDelay         first wait after a processing attempt failed; doubled per failure, at most 1 h
 * @param reconcileInterval  how often {@code GET /merchant-result-list} is asked for missed results; 0 for never
 * @param reconcileLookback  how far back the first reconciliation looks (no watermark stored yet)
 * @param reconcileMaxPages  most pages one reconciliation reads
 * @param onceReceive        once mode serves the receiving endpoint too (a web server on {@code server.address} and
 *                           {@code server.port}) while it runs, and waits for the results it expects; the demo's
 *                           invitation run sets it. Off: once mode runs no web server
 * @param onceWait           how long a once run that receives waits, after its intake, for the results the sandbox
 *                           will deliver and the stored ones to be written, before its summary
 * @param maxBodySize        largest request body the receiving endpoint reads; larger: 413 before the secret is
 *                           checked, nothing stored
 * @param sandboxDelay       with the embedded sandbox and a web server that receives: how long after a candidate is
 *                           registered the sandbox completes the interview and calls the webhook
 */
@ConfigurationProperties("connector.interview-results")
public record InterviewResultsProperties(String webhookPath, String webhookHeader, String webhookSecret,
                                         Path webhookSecretFile, String events, Duration processInterval,
                                         Duration retryDelay, Duration reconcileInterval, Duration reconcileLookback,
                                         Integer reconcileMaxPages, Boolean onceReceive, Duration onceWait,
                                         org.springframework.util.unit.DataSize maxBodySize, Duration sandboxDelay) {

    @Override
    public String toString() {
        return "InterviewResultsProperties[webhookPath=" + webhookPath + ", webhookHeader=" + webhookHeader
                + ", webhookSecret=" + (webhookSecret == null || webhookSecret.isEmpty() ? "unset" : "***")
                + ", webhookSecretFile=" + webhookSecretFile + ", events=" + events + ", processInterval="
                + processInterval + ", retryDelay=" + retryDelay + ", reconcileInterval=" + reconcileInterval
                + ", onceReceive=" + onceReceive + ", onceWait=" + onceWait + ", maxBodySize=" + maxBodySize
                + ", sandboxDelay=" + sandboxDelay + "]";
    }
}
