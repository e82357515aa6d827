package dev.jobmojito.connector.atshooks;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * ATS webhooks on stage change ({@code connector.ats-webhooks.*}, fed by {@code CONNECTOR_ATS_WEBHOOK_*}; the
 * README's settings table lists them). An ATS's endpoint exists once its secret is set (or its file).
 *
 * @param maxBodySize the largest request body taken (bytes); a larger one is answered 413 before it is read
 *                    further, and before its signature is checked
 * @param greenhouse  Greenhouse's endpoint
 * @param lever       Lever's endpoint
 */
@ConfigurationProperties("connector.ats-webhooks")
public record AtsWebhookProperties(DataSize maxBodySize, Greenhouse greenhouse, Lever lever) {

    public AtsWebhookProperties {
        maxBodySize = maxBodySize == null || maxBodySize.toBytes() <= 0 ? DataSize.ofMegabytes(1) : maxBodySize;
        greenhouse = greenhouse == null ? new Greenhouse(null, null, null, null) : greenhouse;
        lever = lever == null ? new Lever(null, null, null, null, null, null, null) : lever;
    }

    /**
     * Greenhouse's web hook ("Candidate stage change").
     *
     * @param path       the endpoint's path on the service's web server
     * @param secret     the web hook's secret key (never logged)
     * @param secretFile a file holding it; wins over {@code secret}
     * @param mapping    the candidate mapping the application is read with ({@code <candidates inbox>/<mapping>/})
     */
    public record Greenhouse(String path, String secret, Path secretFile, String mapping) {

        public Greenhouse {
            path = path == null || path.isBlank() ? "/webhooks/ats/greenhouse" : path.strip();
            mapping = mapping == null || mapping.isBlank() ? "greenhouse" : mapping.strip();
        }

        @Override
        public String toString() {
            return "Greenhouse[path=" + path + ", secret=" + (secret == null || secret.isEmpty() ? "unset" : "***")
                    + ", secretFile=" + secretFile + ", mapping=" + mapping + "]";
        }
    }

    /**
     * Lever's webhook ("Candidate Stage Change"). Its payload names the opportunity only, so the opportunity is
     * fetched from Lever's API ({@code GET /v1/opportunities/{id}?expand=stage&expand=applications}).
     *
     * @param path               the endpoint's path on the service's web server
     * @param signatureToken     the webhook's signature token (never logged)
     * @param signatureTokenFile a file holding it; wins over {@code signatureToken}
     * @param mapping            the candidate mapping the opportunity is read with
     * @param baseUrl            Lever's API base ({@code https://api.lever.co})
     * @param apiKey             the API key the opportunity is fetched with (basic auth user; never logged)
     * @param apiKeyFile         a file holding it; wins over {@code apiKey}
     */
    public record Lever(String path, String signatureToken, Path signatureTokenFile, String mapping, String baseUrl,
                        String apiKey, Path apiKeyFile) {

        public Lever {
            path = path == null || path.isBlank() ? "/webhooks/ats/lever" : path.strip();
            mapping = mapping == null || mapping.isBlank() ? "lever" : mapping.strip();
            baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://api.lever.co" : baseUrl.strip();
        }

        @Override
        public String toString() {
            return "Lever[path=" + path + ", signatureToken=" + (signatureToken == null || signatureToken.isEmpty()
                    ? "unset" : "***") + ", signatureTokenFile=" + signatureTokenFile + ", mapping=" + mapping
                    + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null || apiKey.isEmpty() ? "unset" : "***")
                    + ", apiKeyFile=" + apiKeyFile + "]";
        }
    }
}
