package dev.jobmojito.connector.sync;

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
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger (H2 in CONNECTOR_STATE, or CONNECTOR_LEDGER_URL), the state guard and the sync rules. */
@Configuration(proxyBeanMethods = false)
public class SyncConfiguration {

    /**
     * The ledger's database, built the way Spring Boot builds its own pool ({@code spring.datasource.hikari.*}
     * settings apply to it) from the ledger settings: PostgreSQL (or any JDBC database) at
     * {@code CONNECTOR_LEDGER_URL}, else an embedded H2 file in {@code <state>/ledger}, or in
     * {@code <state>/sandbox/ledger} while the embedded sandbox stands in for JobMojito: interviews the sandbox
     * made do not exist in the real JobMojito, so a later run against it must not take its postings for sent.
     * H2 writes each commit at once (WRITE_DELAY=0), so a killed process loses no ledger entry it had recorded;
     * its own shutdown hook is off (DB_CLOSE_ON_EXIT=FALSE): it would close the ledger under jobs still
     * finishing on SIGTERM, and Spring closes the pool after Camel has stopped. {@code spring.datasource.url},
     * when set, wins.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties boot, ConnectorProperties connector,
                                JobMojitoProperties jobMojito) throws IOException {
        ConnectorProperties.Ledger settings = connector.ledger();
        DataSourceBuilder<HikariDataSource> builder;
        if (boot.getUrl() != null && !boot.getUrl().isBlank()) {
            builder = boot.initializeDataSourceBuilder().type(HikariDataSource.class);
        } else if (settings.url() == null || settings.url().isBlank()) {
            Path folder = embeddedLedgerFolder(connector, jobMojito).toAbsolutePath();
            builder = DataSourceBuilder.create().type(HikariDataSource.class).username("sa").password("")
                    .url("jdbc:h2:file:" + folder.resolve("ledger") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        } else {
            SecretRegistry.registerFromUrl(settings.url());
            String password = settings.password();
            if (settings.passwordFile() != null && !settings.passwordFile().toString().isBlank()) {
                password = Files.readString(settings.passwordFile(), StandardCharsets.UTF_8).strip();
            }
            SecretRegistry.register(password);
            builder = DataSourceBuilder.create().type(HikariDataSource.class).url(settings.url().strip())
                    .username(settings.username()).password(password);
        }
        HikariDataSource dataSource = builder.build();
        dataSource.setPoolName("ledger");
        // on PostgreSQL a job holds a connection for its posting's claim while JobMojito answers, and needs
        // another for the ledger's reads and writes; files and polls each handle up to connector.concurrency jobs
        // at once; the leader lock needs a few more
        dataSource.setMaximumPoolSize(4 * connector.concurrency() + 4);
        return dataSource;
    }

    /**
     * Flyway creates and migrates the ledger's schema ({@code db/migration}) when the connector starts; on
     * PostgreSQL replicas starting together migrate one after the other ({@link LedgerMigration}). A ledger made by an
     * earlier version without Flyway keeps its rows: it is baselined at version 0 and V1 (that version's schema,
     * written with {@code IF NOT EXISTS}) finds its table there. A database that cannot be opened is reported in
     * one line with the password masked, instead of a stack trace. (The folders are checked first: an embedded
     * ledger lives in the state folder.)
     */
    @Bean
    FlywayMigrationStrategy ledgerMigration(DataSource dataSource, CheckedFolders folders) {
        return flyway -> {
            try {
                LedgerMigration.migrate(flyway, dataSource);
            } catch (RuntimeException | SQLException e) {
                String url = dataSource instanceof HikariDataSource pool ? pool.getJdbcUrl() : "";
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
