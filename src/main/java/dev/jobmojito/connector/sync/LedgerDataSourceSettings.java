package dev.jobmojito.connector.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Hands the ledger's settings to Spring Boot, which then owns the connection pool ({@code spring.datasource.*})
 * and Flyway the schema: {@code CONNECTOR_LEDGER_URL}, {@code _USERNAME}, {@code _PASSWORD} (or
 * {@code _PASSWORD_FILE}), and when no URL is set an embedded H2 file in {@code <state>/ledger}, or in
 * {@code <state>/sandbox/ledger} while the embedded sandbox stands in for JobMojito (interviews the sandbox made
 * do not exist in the real JobMojito, so a later run against it must not take its postings for sent).
 *
 * <p>H2 writes each commit at once ({@code WRITE_DELAY=0}), so a killed process loses no ledger entry it had
 * recorded, and its own shutdown hook is off ({@code DB_CLOSE_ON_EXIT=FALSE}): it would close the ledger under
 * jobs still finishing on SIGTERM; Spring closes the pool after Camel has stopped. The values are added last, so
 * {@code spring.datasource.*} given directly still wins.
 */
public final class LedgerDataSourceSettings implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "connectorLedger";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, compute(environment)));
    }

    static Map<String, Object> compute(ConfigurableEnvironment environment) {
        Map<String, Object> settings = new LinkedHashMap<>();
        String url = environment.getProperty("connector.ledger.url", "");
        int concurrency = Integer.parseInt(environment.getProperty("connector.concurrency", "4").strip());
        if (url.isBlank()) {
            settings.put("spring.datasource.url", "jdbc:h2:file:" + embeddedFolder(environment).resolve("ledger")
                    + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            settings.put("spring.datasource.username", "sa");
            settings.put("spring.datasource.password", "");
        } else {
            settings.put("spring.datasource.url", url.strip());
            settings.put("spring.datasource.username", environment.getProperty("connector.ledger.username", ""));
            settings.put("spring.datasource.password", password(environment));
        }
        settings.put("spring.datasource.hikari.pool-name", "ledger");
        // on PostgreSQL a job holds a connection for its posting's claim while JobMojito answers, and needs another
        // for the ledger's reads and writes; files and polls each handle up to connector.concurrency jobs at once;
        // the leader lock and the drop folder's repository need a few more
        settings.put("spring.datasource.hikari.maximum-pool-size", 4 * Math.max(1, concurrency) + 4);
        return settings;
    }

    /** The folder of the embedded ledger: see the class comment. */
    static Path embeddedFolder(ConfigurableEnvironment environment) {
        Path state = Path.of(environment.getProperty("connector.state", "data/state").strip()).toAbsolutePath();
        String baseUrl = environment.getProperty("jobmojito.base-url", "");
        return baseUrl.isBlank() ? state.resolve("sandbox") : state;
    }

    private static String password(ConfigurableEnvironment environment) {
        String file = environment.getProperty("connector.ledger.password-file", "");
        if (file.isBlank()) {
            return environment.getProperty("connector.ledger.password", "");
        }
        try {
            return Files.readString(Path.of(file.strip()), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CONNECTOR_LEDGER_PASSWORD_FILE " + file, e);
        }
    }

    @Override
    public int getOrder() {
        // after application.yaml and the command line are in place, like the source switches
        return Ordered.LOWEST_PRECEDENCE;
    }
}
