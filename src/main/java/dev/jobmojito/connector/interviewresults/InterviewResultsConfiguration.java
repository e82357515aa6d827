package dev.jobmojito.connector.interviewresults;

import dev.jobmojito.connector.common.BodySizeCap;

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
            LOG.info("Interview results are received at POST {} (header {}), on this web server", path,
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

        /**
         * The body cap of the receiving endpoint ({@code CONNECTOR_INTERVIEW_RESULTS_MAX_BODY_SIZE}, 1 MB by
         * default), ahead of the platform-http binding that reads bodies whole: see {@link BodySizeCap}. Off
         * while receiving is (no webhook secret).
         */
        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<BodySizeCap> interviewResultsBodySizeLimit(
                InterviewResultsProperties settings, ObjectProvider<ResultWebhook> webhook,
                ObjectProvider<MeterRegistry> meters) {
            long max = settings.maxBodySize() == null ? 1024 * 1024 : settings.maxBodySize().toBytes();
            MeterRegistry registry = meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new);
            var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new BodySizeCap(
                    "CONNECTOR_INTERVIEW_RESULTS_MAX_BODY_SIZE", max, path -> io.micrometer.core.instrument.Counter
                            .builder("connector.interview.results.received")
                            .description("Interview result deliveries received").tag("outcome", "too_large")
                            .register(registry).increment()));
            registration.addUrlPatterns(path(settings));
            registration.setName("interviewResultsBodySizeLimit");
            registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
            registration.setEnabled(webhook.getIfAvailable() != null);
            return registration;
        }

        /**
         * The loop on the embedded sandbox (issue 14): once this web server runs and receives, the sandbox is told
         * to call its webhook ({@code http://<loopback>:<port><path>} with the configured header and secret) and
         * to complete the interview of every candidate it registers after {@code CONNECTOR_INTERVIEW_RESULTS_SANDBOX_DELAY}.
         * Nothing happens with the real JobMojito (no sandbox) or without a webhook secret.
         */
        @Bean
        org.springframework.context.ApplicationListener<org.springframework.boot.web.server.context.WebServerInitializedEvent>
                sandboxSendsResultsHere(dev.jobmojito.connector.jobmojito.JobMojitoEndpoint endpoint,
                                        InterviewResultsProperties settings, ObjectProvider<ResultWebhook> webhook,
                                        org.springframework.core.env.Environment environment) {
            java.util.concurrent.atomic.AtomicBoolean wired = new java.util.concurrent.atomic.AtomicBoolean();
            return event -> {
                var sandbox = endpoint.sandbox();
                if (sandbox == null || webhook.getIfAvailable() == null
                        || event.getApplicationContext().getServerNamespace() != null || !wired.compareAndSet(false, true)) {
                    return;
                }
                String address = environment.getProperty("server.address", "");
                String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::")
                        ? "127.0.0.1" : address.contains(":") ? "[" + address + "]" : address;
                String url = "http://" + host + ":" + event.getWebServer().getPort() + path(settings);
                Duration delay = settings.sandboxDelay() == null ? Duration.ofSeconds(2) : settings.sandboxDelay();
                try {
                    sandbox.sendResultsTo(url, settings.webhookHeader(), secret(settings), delay);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                sandbox.completeEveryRegistration();
                LOG.info("The embedded sandbox completes the interview of each candidate it registers after {} and "
                        + "calls the webhook at {} (header {})", seconds(delay), url, settings.webhookHeader());
            };
        }

        /**
         * What a once run that receives (CONNECTOR_INTERVIEW_RESULTS_ONCE_RECEIVE) waits for before its summary,
         * at most {@code CONNECTOR_INTERVIEW_RESULTS_ONCE_WAIT}: the results the sandbox is still to deliver, then
         * the stored versions not processed yet (written, or unmatched, ...). Nothing without a webhook secret.
         */
        @Bean
        dev.jobmojito.connector.intake.AwaitedWork interviewResultsToWrite(
                dev.jobmojito.connector.jobmojito.JobMojitoEndpoint endpoint, InterviewResultsProperties settings,
                ObjectProvider<ResultWebhook> webhook, ReceivedResults store) {
            boolean receiving = webhook.getIfAvailable() != null;
            Duration patience = settings.onceWait() == null ? Duration.ofSeconds(30) : settings.onceWait();
            return new dev.jobmojito.connector.intake.AwaitedWork() {
                @Override
                public long outstanding() {
                    if (!receiving) {
                        return 0;
                    }
                    // on the way first: a delivery is stored (pending) before its answer ends its way
                    long onTheWay = endpoint.sandbox() == null ? 0 : endpoint.sandbox().resultsOnTheWay();
                    return onTheWay + store.pending();
                }

                @Override
                public Duration patience() {
                    return patience;
                }

                @Override
                public String waiting(long outstanding) {
                    return "Interview results: waiting up to " + seconds(patience) + " for " + outstanding
                            + (endpoint.sandbox() != null ? " (the sandbox completes each invited candidate's interview"
                            + " and calls POST " + path(settings) + "; each result is stored, matched and written"
                            + " back)" : " stored ones to be processed");
                }

                @Override
                public String left(long outstanding) {
                    return "Interview results: " + outstanding + " not processed within " + seconds(patience)
                            + "; the stored ones wait in the ledger database for the next run or the service"
                            + " (CONNECTOR_INTERVIEW_RESULTS_ONCE_WAIT sets the wait)";
                }
            };
        }

        private static String seconds(Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
        }
    }

    /** The receiving endpoint's path: CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_PATH, {@code /webhooks/jobmojito}. */
    static String path(InterviewResultsProperties settings) {
        return settings.webhookPath() == null || settings.webhookPath().isBlank() ? "/webhooks/jobmojito"
                : settings.webhookPath().strip();
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
