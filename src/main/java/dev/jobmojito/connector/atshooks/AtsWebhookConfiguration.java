package dev.jobmojito.connector.atshooks;

import dev.jobmojito.connector.common.BodySizeCap;

import dev.jobmojito.connector.invitations.InvitationProperties;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * ATS webhooks on stage change: the secrets (from the environment or a file, registered for masking), the answers,
 * the store in the candidates inbox, the routes and the body cap. Off until an ATS's secret is set; then the
 * invitations must be on ({@code CONNECTOR_INVITATIONS=true}, which runs the inbox route the stored applications
 * go through) and the candidate mapping must exist, else the start fails (exit 2) saying so. The endpoints exist
 * only where a web server runs (service mode).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AtsWebhookProperties.class)
public class AtsWebhookConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AtsWebhookConfiguration.class);

    /** The endpoints' answers, when an ATS's secret is set (no bean otherwise). */
    @Bean
    AtsWebhook atsWebhook(AtsWebhookProperties settings, InvitationProperties invitations,
                          ConnectorProperties connector, Clock clock, ObjectProvider<MeterRegistry> meters)
            throws IOException {
        String greenhouse = secret(settings.greenhouse().secret(), settings.greenhouse().secretFile());
        String lever = secret(settings.lever().signatureToken(), settings.lever().signatureTokenFile());
        if (greenhouse == null && lever == null) {
            return null;
        }
        if (!invitations.enabled()) {
            throw new ConfigurationException("An ATS webhook is configured (CONNECTOR_ATS_WEBHOOK_*_SECRET) but "
                    + "invitations are off: set CONNECTOR_INVITATIONS=true (the webhook's applications go through "
                    + "the candidates inbox)");
        }
        Path mappings = invitations.mappings() == null || invitations.mappings().toString().isBlank()
                ? connector.mappings().resolve("candidates") : invitations.mappings();
        if (greenhouse != null) {
            mappingExists(mappings, settings.greenhouse().mapping(), "CONNECTOR_ATS_WEBHOOK_GREENHOUSE_MAPPING");
        }
        String apiKey = null;
        if (lever != null) {
            mappingExists(mappings, settings.lever().mapping(), "CONNECTOR_ATS_WEBHOOK_LEVER_MAPPING");
            apiKey = secret(settings.lever().apiKey(), settings.lever().apiKeyFile());
            if (apiKey == null) {
                throw new ConfigurationException("The Lever webhook needs an API key to fetch the opportunity its "
                        + "payload names: set CONNECTOR_ATS_WEBHOOK_LEVER_API_KEY_FILE (or _API_KEY; the write-back's "
                        + "CONNECTOR_WRITEBACK_LEVER_API_KEY_FILE is used when set)");
            }
        }
        Path inbox = invitations.inbox() == null || invitations.inbox().toString().isBlank()
                ? Path.of("data", "candidates") : invitations.inbox();
        return new AtsWebhook(greenhouse, settings.greenhouse().mapping(), lever, settings.lever().mapping(),
                settings.lever().baseUrl(), apiKey, new AtsEventStore(inbox.toAbsolutePath(),
                connector.fileSettleTime(), clock),
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    AtsWebhookRoutes atsWebhookRoutes(ObjectProvider<AtsWebhook> webhook, AtsWebhookProperties settings,
                                      ApplicationContext context) {
        AtsWebhook receiver = webhook.getIfAvailable();
        if (receiver == null) {
            LOG.info("ATS webhooks are off: no CONNECTOR_ATS_WEBHOOK_GREENHOUSE_SECRET nor "
                    + "CONNECTOR_ATS_WEBHOOK_LEVER_SIGNATURE_TOKEN is set");
            return AtsWebhookRoutes.none();
        }
        if (!(context instanceof WebServerApplicationContext)) {
            LOG.info("ATS webhooks: no web server runs in this mode, so none is received here");
            return AtsWebhookRoutes.none();
        }
        String greenhouse = receiver.greenhouseOn() ? path(settings.greenhouse().path()) : null;
        String lever = receiver.leverOn() ? path(settings.lever().path()) : null;
        LOG.info("ATS webhooks are received at{}{} (bodies up to {} bytes), on the service's web server",
                greenhouse == null ? "" : " POST " + greenhouse + " (Greenhouse)",
                lever == null ? "" : " POST " + lever + " (Lever)", settings.maxBodySize().toBytes());
        return new AtsWebhookRoutes(greenhouse, lever);
    }

    /** The body cap, before the platform-http binding reads anything, only where a servlet web server runs. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class BodyCapOnWebServer {

        @Bean
        FilterRegistrationBean<BodySizeCap> atsWebhookBodyCap(ObjectProvider<AtsWebhook> webhook,
                                                         AtsWebhookProperties settings) {
            AtsWebhook receiver = webhook.getIfAvailable();
            Map<String, String> paths = new LinkedHashMap<>();
            if (receiver != null && receiver.greenhouseOn()) {
                paths.put(path(settings.greenhouse().path()), "greenhouse");
            }
            if (receiver != null && receiver.leverOn()) {
                paths.put(path(settings.lever().path()), "lever");
            }
            FilterRegistrationBean<BodySizeCap> registration = new FilterRegistrationBean<>(new BodySizeCap(
                    "CONNECTOR_ATS_WEBHOOK_MAX_BODY_SIZE", settings.maxBodySize().toBytes(), path -> {
                        if (receiver != null && paths.containsKey(path)) {
                            receiver.tooLarge(paths.get(path));
                        }
                    }));
            registration.setName("atsWebhookBodyCap");
            if (paths.isEmpty()) {
                registration.setEnabled(false);
            } else {
                registration.setUrlPatterns(paths.keySet());
            }
            return registration;
        }
    }

    private static String path(String path) {
        if (!path.startsWith("/")) {
            throw new ConfigurationException("An ATS webhook path must start with '/': " + path);
        }
        return path;
    }

    private static void mappingExists(Path folder, String mapping, String setting) {
        if (!Files.isRegularFile(folder.resolve(mapping + ".yaml"))) {
            throw new ConfigurationException("The candidate mapping " + mapping + " of an ATS webhook does not exist: "
                    + folder.resolve(mapping + ".yaml").toAbsolutePath() + " (" + setting + ")");
        }
    }

    /** The secret from its file (wins) or setting, registered for log masking; null when neither is set. */
    static String secret(String value, Path file) throws IOException {
        String secret = value;
        if (file != null && !file.toString().isBlank()) {
            secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        if (secret == null || secret.isBlank()) {
            return null;
        }
        SecretRegistry.register(secret);
        return secret;
    }
}
