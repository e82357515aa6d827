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
 */
@ConfigurationProperties("connector.interview-results")
public record InterviewResultsProperties(String webhookPath, String webhookHeader, String webhookSecret,
                                         Path webhookSecretFile, String events, Duration processInterval,
                                         Duration retryDelay, Duration reconcileInterval, Duration reconcileLookback,
                                         Integer reconcileMaxPages) {

    @Override
    public String toString() {
        return "InterviewResultsProperties[webhookPath=" + webhookPath + ", webhookHeader=" + webhookHeader
                + ", webhookSecret=" + (webhookSecret == null || webhookSecret.isEmpty() ? "unset" : "***")
                + ", webhookSecretFile=" + webhookSecretFile + ", events=" + events + ", processInterval="
                + processInterval + ", retryDelay=" + retryDelay + ", reconcileInterval=" + reconcileInterval + "]";
    }
}
