package dev.jobmojito.connector.system;

import dev.jobmojito.connector.delivery.DeadLetters;
import dev.jobmojito.connector.delivery.DeliveryJobs;
import dev.jobmojito.connector.delivery.ReplayRun;
import dev.jobmojito.connector.delivery.DeliveryRoutes;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.FileIntakeRoutes;
import dev.jobmojito.connector.intake.GracefulStop;
import dev.jobmojito.connector.input.InputLimits;
import dev.jobmojito.connector.sync.StateGuard;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.intake.OnceRun;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.jobmojito.JobMojitoRoutes;
import dev.jobmojito.connector.jobmojito.TokenWatch;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.ops.ConnectorHealth;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.ops.MetricsSink;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JsonLinesResults;
import dev.jobmojito.connector.results.ResultPublisher;
import dev.jobmojito.connector.results.ResultRoutes;
import dev.jobmojito.connector.results.ResultSink;
import dev.jobmojito.connector.results.StandardWebhooks;
import dev.jobmojito.connector.results.WebhookOutbox;
import dev.jobmojito.connector.results.WebhookSender;
import dev.jobmojito.connector.poll.AtsFetchRoutes;
import dev.jobmojito.connector.poll.AtsPoller;
import dev.jobmojito.connector.poll.PollIntake;
import dev.jobmojito.connector.poll.PollRoutes;
import dev.jobmojito.connector.results.RunSummary;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.sync.SyncDelivery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the connector's parts. Each part is plain Java; only this class knows about Spring. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConnectorProperties.class, JobMojitoProperties.class})
public class ConnectorConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    JobMojitoEndpoint jobMojitoEndpoint(JobMojitoProperties properties, CheckedFolders folders) {
        return JobMojitoEndpoint.from(properties, folders.state());
    }

    @Bean
    MappingRegistry mappingRegistry(ConnectorProperties connector, JobMojitoEndpoint endpoint) throws IOException {
        Path folder = connector.mappings();
        requireFolder(folder, "CONNECTOR_MAPPINGS", "mapping files");
        requireFolder(connector.routes(), "CONNECTOR_ROUTES", "Camel YAML routes (*.camel.yaml)");
        MappingRegistry registry = new MappingRegistry(folder,
                new MappingLoader(MappingLoader.environment(endpoint.interviewTemplateId())));
        List<MappingError> errors = registry.loadAll();
        if (!errors.isEmpty()) {
            throw new ConfigurationException("The mappings in " + folder + " have problems:\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        List<String> unset = new ArrayList<>();
        for (Mapping mapping : registry.all()) {
            mapping.unsetVariables().forEach((field, variable) -> unset.add("  " + mapping.file() + ": " + field
                    + " needs " + variable));
        }
        if (!unset.isEmpty()) {
            throw new ConfigurationException("Environment variables the mappings need are not set:\n"
                    + String.join("\n", unset));
        }
        return registry;
    }

    private static void requireFolder(Path folder, String variable, String what) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigurationException("The folder of " + what + " does not exist: " + folder.toAbsolutePath()
                    + " (set " + variable + ", or run from the project folder)");
        }
    }

    @Bean(destroyMethod = "close")
    JsonLinesResults jsonLinesResults(ConnectorProperties connector, Clock clock) {
        return new JsonLinesResults(connector.results(), clock);
    }

    /**
     * Checks the SFTP settings when the SFTP route is on: host keys are verified unless turned off explicitly,
     * which is said at every start.
     */
    @Bean
    Object sftpSettingsCheck(org.springframework.core.env.Environment environment) {
        if (Boolean.parseBoolean(environment.getProperty("connector.sftp.enabled"))) {
            String strict = environment.getProperty("connector.sftp.strict-host-key-checking", "yes");
            String knownHosts = environment.getProperty("connector.sftp.known-hosts-file", "");
            if (!strict.equalsIgnoreCase("yes")) {
                org.slf4j.LoggerFactory.getLogger(ConnectorConfiguration.class).warn("SFTP host key checking is OFF "
                        + "(CONNECTOR_SFTP_STRICT_HOST_KEY_CHECKING={}): the connector cannot tell the SFTP server"
                        + " from an impostor. Set CONNECTOR_SFTP_KNOWN_HOSTS_FILE and turn checking back on.", strict);
            } else if (knownHosts.isBlank() || !Files.isRegularFile(Path.of(knownHosts))) {
                throw new ConfigurationException("CONNECTOR_SFTP_HOST is set, so CONNECTOR_SFTP_KNOWN_HOSTS_FILE must "
                        + "name a known_hosts file with the server's host key (it is "
                        + (knownHosts.isBlank() ? "not set" : "\"" + knownHosts + "\", which does not exist") + ")");
            }
            if (environment.getProperty("connector.sftp.private-key-file", "").isBlank()
                    && environment.getProperty("connector.sftp.password", "").isBlank()) {
                throw new ConfigurationException("CONNECTOR_SFTP_HOST is set, so CONNECTOR_SFTP_PRIVATE_KEY_FILE or "
                        + "CONNECTOR_SFTP_PASSWORD_FILE must be set");
            }
        }
        return "sftp settings checked";
    }

    /**
     * The folders the connector reads and writes, checked before anything starts: the drop folder must exist (a
     * misspelt path would otherwise read nothing and report success), the results and state folders are
     * created when missing and must take a file. Each problem names the folder and its setting (exit 2).
     */
    @Bean
    CheckedFolders checkedFolders(ConnectorProperties connector) {
        if (!Files.isDirectory(connector.inbox())) {
            throw new ConfigurationException("The drop folder does not exist: " + connector.inbox().toAbsolutePath()
                    + " (create it, with a folder per mapping inside such as greenhouse/, or set CONNECTOR_INBOX)");
        }
        requireWritable(connector.inbox(), "CONNECTOR_INBOX", "drop folder");
        requireWritable(connector.results(), "CONNECTOR_RESULTS", "results folder");
        requireWritable(connector.state(), "CONNECTOR_STATE", "state folder");
        InputLimits.configure(connector.input().maxDepth(), connector.input().maxValueLength());
        return new CheckedFolders(connector.inbox(), connector.results(), connector.state());
    }

    private static void requireWritable(Path folder, String variable, String what) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".connector-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("The " + what + " " + folder.toAbsolutePath() + " cannot be written to ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); fix its permissions or set " + variable);
        }
    }

    @Bean
    GracefulStop gracefulStop(IntakeGate gate) {
        return new GracefulStop(gate);
    }

    /** The embedded ledger's file when the ledger is H2 in the state folder, else null. */
    private static Path embeddedLedgerFile(ConnectorProperties connector) {
        String url = connector.ledger().url();
        return url == null || url.isBlank() ? connector.state().resolve("ledger.mv.db") : null;
    }

    @Bean
    StateGuard stateGuard(ConnectorProperties connector, Ledger ledger) {
        return new StateGuard(connector.state(), embeddedLedgerFile(connector));
    }

    @Bean
    RunSummary runSummary() {
        return new RunSummary();
    }

    @Bean
    WebhookOutbox webhookOutbox(ConnectorProperties connector, Clock clock) {
        return new WebhookOutbox(connector.state().resolve("webhook-outbox"), clock);
    }

    @Bean
    ResultPublisher resultPublisher(JsonLinesResults lines, RunSummary summary, WebhookOutbox outbox,
                                    ConnectorProperties connector, ConnectorMetrics metrics) {
        Map<String, ResultSink> sinks = new LinkedHashMap<>();
        sinks.put("file", lines);
        if (connector.webhook().enabled()) {
            sinks.put("webhook", outbox);
        }
        return new ResultPublisher(sinks, List.of(summary, new MetricsSink(metrics)));
    }

    /** The webhook sender, when a webhook URL is set (no bean otherwise). */
    @Bean
    WebhookSender webhookSender(ConnectorProperties connector, WebhookOutbox outbox, ProducerTemplate producer,
                                Clock clock) throws IOException {
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
        return new WebhookSender(outbox, producer, new StandardWebhooks(secret), webhook.retryDelay(), clock);
    }

    @Bean
    ResultRoutes resultRoutes(ObjectProvider<WebhookSender> sender, ConnectorProperties connector,
                              JobMojitoProperties jobMojito) {
        WebhookSender webhook = sender.getIfAvailable();
        return webhook == null ? ResultRoutes.none()
                : new ResultRoutes(webhook, connector.webhook().url().strip(), jobMojito.connectTimeout());
    }

    @Bean
    IntakeGate intakeGate(ObjectProvider<CamelContext> camel) {
        return new IntakeGate(() -> {
            // suspend from another thread: a route can't wait for its own in-flight exchange to finish
            Thread pausing = new Thread(() -> suspendIntake(camel.getObject()), "intake-pause");
            pausing.setDaemon(true);
            pausing.start();
        });
    }

    private static void suspendIntake(CamelContext camel) {
        for (Route route : camel.getRoutes()) {
            if ("intake".equals(route.getGroup())) {
                try {
                    camel.getRouteController().suspendRoute(route.getRouteId());
                } catch (Exception e) {
                    // stopping anyway (once mode) or shutting down: nothing more to pause
                }
            }
        }
    }

    @Bean("drainTracker")
    DrainTracker drainTracker() {
        return new DrainTracker();
    }

    @Bean
    FileIntake fileIntake(MappingRegistry mappings, IntakeGate gate, ResultPublisher results, RunSummary summary,
                          Clock clock, ConnectorProperties connector) {
        return new FileIntake(mappings, gate, results, summary, clock, connector.inbox());
    }

    @Bean
    FileIntakeRoutes fileIntakeRoutes(FileIntake intake, ConnectorProperties connector) {
        return new FileIntakeRoutes(intake, connector.concurrency());
    }

    @Bean
    FileIntakeRoutes.Configuration intakeRouteConfiguration() {
        return new FileIntakeRoutes.Configuration();
    }

    @Bean
    JobMojitoRoutes jobMojitoRoutes(JobMojitoEndpoint endpoint, JobMojitoProperties properties,
                                    ConnectorProperties connector) {
        return new JobMojitoRoutes(endpoint, properties.connectTimeout(), properties.responseTimeout(),
                connector.concurrency(), connector.rateLimit());
    }

    @Bean
    JobMojitoClient jobMojitoClient(ProducerTemplate producer, JobMojitoEndpoint endpoint, ConnectorMetrics metrics,
                                    Clock clock) {
        return new JobMojitoClient(producer, endpoint, metrics, clock);
    }

    @Bean
    ConnectorMetrics connectorMetrics(ObjectProvider<MeterRegistry> registry) {
        MeterRegistry meters = registry.getIfAvailable();
        return meters == null ? ConnectorMetrics.none() : new ConnectorMetrics(meters);
    }

    /** Gauges read when scraped: the ledger's size, the parked dead letters, the webhook's backlog. */
    @Bean
    Object connectorGauges(ConnectorMetrics metrics, Ledger ledger, DeadLetters deadLetters, WebhookOutbox outbox) {
        metrics.gauge("connector.ledger.postings", "Postings in the ledger", ledger::size);
        metrics.gauge("connector.dead_letters", "Requests parked after every retry", deadLetters::count);
        metrics.gauge("connector.webhook.pending", "Results waiting for the webhook", () -> pendingFiles(outbox));
        return "gauges registered";
    }

    private static long pendingFiles(WebhookOutbox outbox) {
        if (!Files.isDirectory(outbox.folder())) {
            return 0;
        }
        try (var files = Files.list(outbox.folder())) {
            return files.filter(p -> p.toString().endsWith(".json")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    @Bean
    HealthIndicator routesHealthIndicator(CamelContext camel, IntakeGate gate) {
        return ConnectorHealth.routes(camel, gate);
    }

    @Bean
    HealthIndicator jobmojitoHealthIndicator(IntakeGate gate, JobMojitoEndpoint endpoint) {
        return ConnectorHealth.jobMojito(gate, endpoint.baseUrl(), endpoint.isSandbox());
    }

    @Bean
    HealthIndicator sourcesHealthIndicator(DrainTracker drain) {
        return ConnectorHealth.sources(drain);
    }

    @Bean
    HealthIndicator deadLettersHealthIndicator(DeadLetters deadLetters) {
        return ConnectorHealth.deadLetters(deadLetters);
    }

    /**
     * The ledger's database: PostgreSQL (or any JDBC database) at {@code CONNECTOR_LEDGER_URL}, else an embedded
     * H2 file in {@code <state>/ledger}. H2 writes each commit at once (WRITE_DELAY=0), so a killed process loses
     * no ledger entry it had recorded.
     */
    @Bean(destroyMethod = "close")
    HikariDataSource ledgerDataSource(ConnectorProperties connector, CheckedFolders folders) throws IOException {
        ConnectorProperties.Ledger settings = connector.ledger();
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setMaximumPoolSize(connector.concurrency() + 2);
        if (settings.url() == null || settings.url().isBlank()) {
            Path folder = connector.state().toAbsolutePath();
            Files.createDirectories(folder);
            // DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the ledger under jobs still finishing on
            // SIGTERM; Spring closes it after Camel has stopped
            config.setJdbcUrl("jdbc:h2:file:" + folder.resolve("ledger") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sa");
        } else {
            SecretRegistry.registerFromUrl(settings.url());
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.username());
            String password = settings.password();
            if (settings.passwordFile() != null && !settings.passwordFile().toString().isBlank()) {
                password = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8).strip();
            }
            SecretRegistry.register(password);
            config.setPassword(password);
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // the URL may carry the password (password=...): never print it
            throw new ConfigurationException(SecretRegistry.mask("The ledger database cannot be opened ("
                    + config.getJdbcUrl() + "): " + rootMessage(e)
                    + ". Is another connector using the same CONNECTOR_STATE?"));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Bean
    Ledger ledger(DataSource ledgerDataSource) {
        Ledger ledger = new Ledger(ledgerDataSource);
        ledger.createSchema();
        return ledger;
    }

    @Bean
    SyncDelivery syncDelivery(Ledger ledger, JobMojitoClient client, ConnectorProperties connector,
                              ConnectorMetrics metrics, Clock clock) {
        return new SyncDelivery(ledger, client, connector.sync().policy(), metrics, clock);
    }

    @Bean
    TokenWatch tokenWatch(JobMojitoEndpoint endpoint, IntakeGate gate) {
        return new TokenWatch(endpoint.token(), gate);
    }

    @Bean
    ReplayRun replayRun(CamelContext camel, ProducerTemplate producer, DeadLetters deadLetters) {
        return new ReplayRun(camel, producer, deadLetters, System.out);
    }

    @Bean
    DeadLetters deadLetters(ConnectorProperties connector, Clock clock) {
        return new DeadLetters(connector.state().resolve("dead-letters"), clock);
    }

    @Bean
    DeliveryJobs deliveryJobs(SyncDelivery sync, ResultPublisher results, IntakeGate gate, DeadLetters deadLetters,
                              ConnectorProperties connector, ConnectorMetrics metrics, Clock clock,
                              StateGuard stateGuard) {
        return new DeliveryJobs(sync, results, gate, deadLetters, connector.retry().retryAfterCap(), metrics, clock,
                stateGuard);
    }

    @Bean
    DeliveryRoutes deliveryRoutes(DeliveryJobs jobs) {
        return new DeliveryRoutes(jobs);
    }

    @Bean
    DeliveryRoutes.Configuration deliveryRouteConfiguration(DeliveryJobs jobs, ConnectorProperties connector) {
        return new DeliveryRoutes.Configuration(jobs, connector.retry());
    }

    @Bean
    AtsFetchRoutes atsFetchRoutes(JobMojitoProperties properties) {
        // the same patience as with JobMojito: ATS APIs are as slow or as fast
        return new AtsFetchRoutes(properties.connectTimeout(), properties.responseTimeout());
    }

    @Bean
    AtsPoller atsPoller(MappingRegistry mappings, ProducerTemplate producer, IntakeGate gate, DrainTracker drain,
                        ResultPublisher results, Clock clock, ConnectorProperties connector) {
        return new AtsPoller(mappings, producer, gate, drain, results, clock, connector.once());
    }

    @Bean
    PollIntake pollIntake(SyncDelivery sync, IntakeGate gate, DrainTracker drain, ResultPublisher results,
                          Clock clock) {
        return new PollIntake(sync, gate, drain, results, clock);
    }

    @Bean
    PollRoutes pollRoutes(PollIntake intake, ConnectorProperties connector) {
        return new PollRoutes(intake, connector.concurrency());
    }

    @Bean
    OnceRun onceRun(CamelContext camel, DrainTracker drain, IntakeGate gate, RunSummary summary,
                    JsonLinesResults results, ObjectProvider<WebhookSender> webhook) {
        return new OnceRun(camel, drain, gate, summary, results, webhook.getIfAvailable(), System.out);
    }
}
