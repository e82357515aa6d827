package dev.jobmojito.connector.system;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where JobMojito is and how to talk to it ({@code jobmojito.*}, fed by {@code JOBMOJITO_*} variables).
 *
 * @param baseUrl             e.g. {@code https://cool.jobmojito.com/functions/v1}; empty runs the embedded sandbox
 * @param apiToken            the bearer token (never logged)
 * @param apiTokenFile        a file holding the token, re-read when it changes; wins over apiToken
 * @param interviewTemplateId the avatar for {@code interview_template_id} in mappings
 * @param connectTimeout      how long to wait for a connection
 * @param responseTimeout     how long to wait for an answer once the request is sent
 */
@ConfigurationProperties("jobmojito")
public record JobMojitoProperties(String baseUrl, String apiToken, Path apiTokenFile, String interviewTemplateId,
                                  Duration connectTimeout, Duration responseTimeout) {

    public boolean sandbox() {
        return baseUrl == null || baseUrl.isBlank();
    }

    @Override
    public String toString() {
        // records print their components; the token must never reach a log line
        return "JobMojitoProperties[baseUrl=" + baseUrl + ", apiToken=" + (apiToken == null || apiToken.isEmpty()
                ? "unset" : "***") + ", apiTokenFile=" + apiTokenFile + ", interviewTemplateId="
                + interviewTemplateId + ", connectTimeout=" + connectTimeout + ", responseTimeout="
                + responseTimeout + "]";
    }
}
