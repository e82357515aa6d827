package dev.jobmojito.connector.jobmojito;

import dev.jobmojito.connector.sandbox.JobMojitoSandbox;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JobMojito the connector talks to: the real one at {@code JOBMOJITO_BASE_URL}, or, when that is not set,
 * an embedded sandbox on loopback started here. Either way the rest of the connector sees a base URL, a token
 * and the avatar id mappings use by default.
 */
public final class JobMojitoEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobMojitoEndpoint.class);

    private final String baseUrl;
    private final JobMojitoToken token;
    private final String interviewTemplateId;
    private final JobMojitoSandbox sandbox;

    private JobMojitoEndpoint(String baseUrl, JobMojitoToken token, String interviewTemplateId,
                              JobMojitoSandbox sandbox) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.interviewTemplateId = interviewTemplateId;
        this.sandbox = sandbox;
    }

    /** The endpoint of these settings; a sandbox forgets its interviews when it stops. */
    public static JobMojitoEndpoint from(JobMojitoProperties properties) {
        return from(properties, null);
    }

    /**
     * The endpoint of these settings: the real JobMojito at {@code JOBMOJITO_BASE_URL}, or, when it is not set,
     * an embedded sandbox that keeps its interviews in {@code <state>/sandbox/interviews.jsonl} (so a second
     * {@code demo} updates what the first created, as JobMojito would).
     *
     * @param state the state folder, or null for a sandbox that keeps nothing
     * @throws ConfigurationException when the settings cannot work (no token for a real URL, a bad URL)
     */
    public static JobMojitoEndpoint from(JobMojitoProperties properties, java.nio.file.Path state) {
        String templateId = blankToNull(properties.interviewTemplateId());
        if (properties.sandbox()) {
            String sandboxToken = blankToNull(properties.apiToken());
            if (sandboxToken == null) {
                byte[] random = new byte[16];
                new SecureRandom().nextBytes(random);
                sandboxToken = "sandbox-" + HexFormat.of().formatHex(random);
            }
            JobMojitoSandbox sandbox = JobMojitoSandbox.start(sandboxToken,
                    state == null ? null : state.resolve("sandbox").resolve("interviews.jsonl"));
            LOG.warn("JOBMOJITO_BASE_URL is not set: using the embedded JobMojito sandbox at {}. Nothing reaches "
                    + "JobMojito; set JOBMOJITO_BASE_URL and JOBMOJITO_API_TOKEN to create real interviews.",
                    sandbox.baseUrl());
            return new JobMojitoEndpoint(sandbox.baseUrl(), JobMojitoToken.of(sandboxToken),
                    templateId != null ? templateId : JobMojitoSandbox.TEMPLATE_ID, sandbox);
        }
        String baseUrl = properties.baseUrl().strip().replaceAll("/+$", "");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new ConfigurationException("JOBMOJITO_BASE_URL must be an http(s) URL such as "
                    + "https://cool.jobmojito.com/functions/v1, got \"" + baseUrl + "\"");
        }
        JobMojitoToken token;
        if (properties.apiTokenFile() != null && !properties.apiTokenFile().toString().isBlank()) {
            token = JobMojitoToken.fromFile(properties.apiTokenFile());
            try {
                if (token.current().isEmpty()) {
                    throw new ConfigurationException("the JobMojito token file " + properties.apiTokenFile()
                            + " is empty");
                }
            } catch (IllegalStateException e) {
                throw new ConfigurationException(e.getMessage());
            }
        } else if (blankToNull(properties.apiToken()) != null) {
            token = JobMojitoToken.of(properties.apiToken().strip());
        } else {
            throw new ConfigurationException("JOBMOJITO_BASE_URL is set but no token is: set JOBMOJITO_API_TOKEN "
                    + "or JOBMOJITO_API_TOKEN_FILE");
        }
        LOG.info("Sending interviews to JobMojito at {} (token from {})", baseUrl, token.origin());
        return new JobMojitoEndpoint(baseUrl, token, templateId, null);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public JobMojitoToken token() {
        return token;
    }

    /** The avatar for mappings' {@code ${JOBMOJITO_INTERVIEW_TEMPLATE_ID}}, or null when none is configured. */
    public String interviewTemplateId() {
        return interviewTemplateId;
    }

    public boolean isSandbox() {
        return sandbox != null;
    }

    /** The embedded sandbox, when it is the one in use. */
    public JobMojitoSandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
