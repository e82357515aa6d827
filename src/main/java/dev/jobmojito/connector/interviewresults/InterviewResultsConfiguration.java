package dev.jobmojito.connector.interviewresults;

import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.ConfigurationException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpAutoConfiguration;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformWebMvcConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;

/**
 * Interview results received from JobMojito: the store, the webhook's answers, the processing and the
 * reconciliation, and their routes. Off (no routes, no beans but the store) until a webhook secret is set; the
 * receiving endpoint exists only where a web server runs (service mode), the processing and the reconciliation
 * wherever the connector runs with the secret set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InterviewResultsProperties.class)
public class InterviewResultsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(InterviewResultsConfiguration.class);

    @Bean
    @DependsOnDatabaseInitialization
    ReceivedResults receivedResults(DataSource dataSource, Clock clock) {
        return new ReceivedResults(dataSource, clock);
    }

    /** The webhook's answers, when a secret is set (no bean otherwise). */
    @Bean
    ResultWebhook resultWebhook(InterviewResultsProperties settings, ReceivedResults store,
                                ObjectProvider<MeterRegistry> meters) throws IOException {
        String secret = secret(settings);
        if (secret == null) {
            return null;
        }
        return new ResultWebhook(secret, settings.events(), store,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    ResultProcessing resultProcessing(ReceivedResults store, Ledger ledger, Clock clock,
                                      InterviewResultsProperties settings) {
        return new ResultProcessing(store, ledger, clock,
                settings.retryDelay() == null ? Duration.ofSeconds(30) : settings.retryDelay());
    }

    @Bean
    ResultReconciliation resultReconciliation(ReceivedResults store, ObjectProvider<ResultWebhook> webhook,
                                              ObjectProvider<MeterRegistry> meters, Clock clock,
                                              InterviewResultsProperties settings) {
        ResultWebhook receiver = webhook.getIfAvailable();
        if (receiver == null) {
            return null;
        }
        return new ResultReconciliation(store, receiver,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new), clock,
                settings.reconcileLookback() == null ? Duration.ofDays(1) : settings.reconcileLookback(),
                settings.reconcileMaxPages() == null ? 50 : settings.reconcileMaxPages());
    }

    @Bean
    InterviewResultRoutes interviewResultRoutes(ObjectProvider<ResultWebhook> webhook,
                                                InterviewResultsProperties settings, ApplicationContext context,
                                                ReceivedResults store, ConnectorMetrics metrics) {
        if (webhook.getIfAvailable() == null) {
            LOG.info("Interview results are not received: CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_SECRET is not set");
            return InterviewResultRoutes.none();
        }
        metrics.gauge("connector.interview.results.pending", "Interview result versions stored and not processed yet",
                store::pending);
        boolean web = context instanceof WebServerApplicationContext;
        String path = settings.webhookPath() == null || settings.webhookPath().isBlank() ? "/webhooks/jobmojito"
                : settings.webhookPath().strip();
        if (!path.startsWith("/")) {
            throw new ConfigurationException("CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_PATH must start with '/': " + path);
        }
        if (web) {
            LOG.info("Interview results are received at POST {} (header {}), on the service's web server", path,
                    settings.webhookHeader());
        } else {
            LOG.info("Interview results: no web server runs in this mode, so none is received here; the stored ones "
                    + "are processed and the reconciliation runs");
        }
        return InterviewResultRoutes.of(path, settings.webhookHeader(), web,
                settings.processInterval() == null ? Duration.ofSeconds(1) : settings.processInterval(),
                settings.reconcileInterval());
    }

    /**
     * The platform-http engine of the receiving endpoint, only where a servlet web server can run: the starter's
     * own auto-configuration wants the web server's settings and fails without them (once mode, demo and the
     * commands run none), so it is excluded in {@code application.yaml} ({@code spring.autoconfigure.exclude}) and
     * imported here instead.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @Import({SpringBootPlatformHttpAutoConfiguration.class, SpringBootPlatformWebMvcConfiguration.class})
    static class PlatformHttpOnWebServer {

        /**
         * The threads the receiving endpoint's requests are handed to (32: a burst of 1,000 webhooks from 16 senders
         * was acknowledged at 133/s with 32, 115/s with 8, on the quiet 2-core machine): the platform-http starter wants a
         * {@code ThreadPoolTaskExecutor} bean, and Spring Boot makes none here (Spring Integration's task scheduler is an
         * executor already, so Boot's {@code applicationTaskExecutor} backs off).
         */
        @Bean(destroyMethod = "shutdown")
        org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor platformHttpExecutor() {
            var executor = new org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor();
            executor.setThreadNamePrefix("webhook-");
            executor.setCorePoolSize(32);
            executor.setMaxPoolSize(32);
            executor.setQueueCapacity(1000);
            executor.initialize();
            return executor;
        }
    }

    /** The secret from its file (wins) or setting, registered for log masking; null when neither is set. */
    static String secret(InterviewResultsProperties settings) throws IOException {
        String secret = settings.webhookSecret();
        if (settings.webhookSecretFile() != null && !settings.webhookSecretFile().toString().isBlank()) {
            secret = Files.readString(settings.webhookSecretFile(), StandardCharsets.UTF_8).strip();
        }
        if (secret == null || secret.isBlank()) {
            return null;
        }
        SecretRegistry.register(secret);
        if (secret.length() < 16) {
            throw new ConfigurationException("CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_SECRET is too short: use at least 16 "
                    + "characters (a random value, e.g. openssl rand -hex 32)");
        }
        if (settings.webhookHeader() == null || settings.webhookHeader().isBlank()) {
            throw new ConfigurationException("CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_HEADER is empty");
        }
        return secret;
    }
}
