package dev.jobmojito.connector.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.system.CheckedFolders;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger (H2 in CONNECTOR_STATE, or CONNECTOR_LEDGER_URL), the state guard and the sync rules. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    /**
     * The ledger's database: PostgreSQL (or any JDBC database) at {@code CONNECTOR_LEDGER_URL}, else an embedded
     * H2 file in {@code <state>/ledger}, or in {@code <state>/sandbox/ledger} while the embedded sandbox stands in
     * for JobMojito: interviews the sandbox made do not exist in the real JobMojito, so a later run against it
     * must not take its postings for sent. H2 writes each commit at once (WRITE_DELAY=0), so a killed process
     * loses no ledger entry it had recorded.
     */
    @Bean(destroyMethod = "close")
    HikariDataSource ledgerDataSource(ConnectorProperties connector, JobMojitoProperties jobMojito,
                                      CheckedFolders folders) throws IOException {
        ConnectorProperties.Ledger settings = connector.ledger();
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setMaximumPoolSize(connector.concurrency() + 2);
        if (settings.url() == null || settings.url().isBlank()) {
            Path folder = embeddedLedgerFolder(connector, jobMojito).toAbsolutePath();
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
                    + (settings.url() == null || settings.url().isBlank()
                    ? ". Is another connector using the same CONNECTOR_STATE?" : ". Is the database up and reachable?")));
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
    StateGuard stateGuard(ConnectorProperties connector, JobMojitoProperties jobMojito, Ledger ledger) {
        return new StateGuard(connector.state(), embeddedLedgerFile(connector, jobMojito));
    }

    /** The embedded ledger's file when the ledger is H2 in the state folder, else null. */
    private static Path embeddedLedgerFile(ConnectorProperties connector, JobMojitoProperties jobMojito) {
        String url = connector.ledger().url();
        return url == null || url.isBlank() ? embeddedLedgerFolder(connector, jobMojito).resolve("ledger.mv.db")
                : null;
    }

    /** Where the embedded ledger lives: its own folder for the sandbox's interviews, see ledgerDataSource. */
    private static Path embeddedLedgerFolder(ConnectorProperties connector, JobMojitoProperties jobMojito) {
        return jobMojito.sandbox() ? connector.state().resolve("sandbox") : connector.state();
    }
}
