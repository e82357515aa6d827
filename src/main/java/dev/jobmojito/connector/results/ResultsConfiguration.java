package dev.jobmojito.connector.results;

import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Result sinks: the JSON Lines file, the run summary, the signed webhook and its outbox, further sink routes. */
@Configuration(proxyBeanMethods = false)
public class ResultsConfiguration {

    @Bean(destroyMethod = "close")
    JsonLinesResults jsonLinesResults(ConnectorProperties connector, Clock clock) {
        return new JsonLinesResults(connector.results(), clock);
    }

    @Bean
    RunSummary runSummary() {
        return new RunSummary();
    }

    /**
     * The webhook outbox in the ledger's database; the outbox and refused-result files an earlier version left in
     * CONNECTOR_STATE are imported into it as it is made (before any route starts).
     */
    @Bean
    @DependsOnDatabaseInitialization
    WebhookOutbox webhookOutbox(DataSource dataSource, ConnectorProperties connector, Clock clock) {
        WebhookOutbox outbox = new WebhookOutbox(dataSource, clock);
        outbox.importFiles(connector.state());
        return outbox;
    }

    @Bean
    ResultSinks resultSinks(ConnectorProperties connector, RunSummary summary, ConnectorMetrics metrics) {
        return new ResultSinks(connector.webhook().enabled(), connector.resultSinks(), summary, metrics);
    }

    /** Picked up by Camel: a result converts to its JSON line for any sink endpoint. */
    @Bean
    ResultConverters resultConverters() {
        return new ResultConverters();
    }

    /** The webhook sender, when a webhook URL is set (no bean otherwise). */
    @Bean
    WebhookSender webhookSender(ConnectorProperties connector, WebhookOutbox outbox, Clock clock) throws IOException {
        ConnectorProperties.Webhook webhook = connector.webhook();
        if (!webhook.enabled()) {
            return null;
        }
        String secret = webhook.secret();
        if (webhook.secretFile() != null && !webhook.secretFile().toString().isBlank()) {
            secret = Files.readString(webhook.secretFile(), StandardCharsets.UTF_8).strip();
        }
        SecretRegistry.register(secret);
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("CONNECTOR_RESULTS_WEBHOOK_URL is set, so CONNECTOR_RESULTS_WEBHOOK_SECRET "
                    + "(or CONNECTOR_RESULTS_WEBHOOK_SECRET_FILE) must be set: deliveries are signed");
        }
        return new WebhookSender(outbox, new StandardWebhooks(secret), webhook.retryDelay(), clock);
    }

    @Bean
    ResultRoutes resultRoutes(ObjectProvider<WebhookSender> sender, ConnectorProperties connector,
                              JobMojitoProperties jobMojito) {
        WebhookSender webhook = sender.getIfAvailable();
        return webhook == null ? ResultRoutes.none()
                : new ResultRoutes(webhook, connector.webhook().url().strip(), jobMojito.connectTimeout());
    }
}
