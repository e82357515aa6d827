package dev.jobmojito.connector.sync;

import dev.jobmojito.connector.jobmojito.JobMojitoClient;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.secrets.SecretRegistry;
import dev.jobmojito.connector.system.CheckedFolders;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The ledger (H2 in CONNECTOR_STATE, or CONNECTOR_LEDGER_URL), the state guard and the sync rules. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    /**
     * Flyway creates and migrates the ledger's schema ({@code db/migration}) when the connector starts; on
     * PostgreSQL it holds a lock meanwhile, so replicas starting together migrate once. A ledger made by an
     * earlier version without Flyway keeps its rows: it is baselined at version 0 and V1 (that version's schema,
     * written with {@code IF NOT EXISTS}) finds its table there. A database that cannot be opened is reported in
     * one line with the password masked, instead of a stack trace. (The folders are checked first: an embedded
     * ledger lives in the state folder.)
     */
    @Bean
    FlywayMigrationStrategy ledgerMigration(Environment environment, CheckedFolders folders) {
        return flyway -> {
            try {
                flyway.migrate();
            } catch (RuntimeException e) {
                String url = environment.getProperty("spring.datasource.url", "");
                // the URL may carry the password (password=...): never print it
                throw new ConfigurationException(SecretRegistry.mask("The ledger database cannot be opened ("
                        + url + "): " + rootMessage(e) + (url.startsWith("jdbc:h2:file:")
                        ? ". Is another connector using the same CONNECTOR_STATE?"
                        : ". Is the database up and reachable?")));
            }
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The ledger, on the database Spring Boot configured from the ledger settings (LedgerDataSourceSettings). */
    @Bean
    @DependsOnDatabaseInitialization
    Ledger ledger(DataSource dataSource) {
        return new Ledger(dataSource);
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
