package dev.jobmojito.connector.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.TestPostgres;
import dev.jobmojito.connector.sync.LedgerMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Issue 13: three replicas creating the schema on an empty database at once failed in 2 of 20 rounds before
 * Flyway. Here three starters migrate a fresh embedded PostgreSQL database together, with the {@code spring.flyway}
 * settings of {@code application.yaml} (what the connector's start runs), 20 rounds: every starter succeeds in
 * every round, every migration is applied exactly once, and every table the migrations create is there. In-JVM
 * threads stand for the replicas (a replica's start does nothing else to the schema).
 */
class SchemaCreatedByReplicasTest {

    private static final int ROUNDS = 20;
    private static final int REPLICAS = 3;
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", Pattern.CASE_INSENSITIVE);

    @Test
    void threeReplicasStartingTogetherCreateTheWholeSchemaInEveryRound() throws Exception {
        Map<String, String> settings = flywaySettings();
        List<String> migrations = migrationScripts(settings.get("flyway.locations"));
        Set<String> tables = tablesCreatedBy(migrations);
        assertThat(tables).contains("posting_ledger", "int_lock");
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                DataSource database = TestPostgres.dataSource(TestPostgres.newDatabase());
                CyclicBarrier together = new CyclicBarrier(REPLICAS);
                List<Future<Integer>> starts = new ArrayList<>();
                for (int replica = 0; replica < REPLICAS; replica++) {
                    starts.add(replicas.submit(() -> {
                        Flyway flyway = Flyway.configure().configuration(settings).dataSource(database).load();
                        together.await(30, TimeUnit.SECONDS);
                        return LedgerMigration.migrate(flyway, database).migrationsExecuted;
                    }));
                }
                int executed = 0;
                for (Future<Integer> start : starts) {
                    // a starter that failed throws here, naming the round
                    executed += start.get(60, TimeUnit.SECONDS);
                }
                assertThat(executed).as("migrations run in round %d, by all starters together", round)
                        .isEqualTo(migrations.size());
                Flyway check = Flyway.configure().configuration(settings).dataSource(database).load();
                MigrationInfo[] applied = check.info().applied();
                assertThat(applied).as("round %d", round).hasSize(migrations.size())
                        .allMatch(info -> info.getState() == MigrationState.SUCCESS);
                assertThat(check.info().pending()).as("round %d", round).isEmpty();
                assertThat(tablesIn(database)).as("tables after round %d", round).containsAll(tables);
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    /**
     * What keeps the starters apart: while one holds the migration lock, another starter waits for it (its
     * session shows an advisory lock not granted) and creates nothing; once the lock is released it migrates the
     * whole schema. Without the lock, a starter that looked while another had just created Flyway's history
     * table failed to baseline it (seen with three replica JVMs on the CI machine).
     */
    @Test
    void aStarterWaitsWhileAnotherMigratesThenMigratesItself() throws Exception {
        Map<String, String> settings = flywaySettings();
        int migrations = migrationScripts(settings.get("flyway.locations")).size();
        DataSource database = TestPostgres.dataSource(TestPostgres.newDatabase());
        ExecutorService starter = Executors.newSingleThreadExecutor();
        try (Connection holder = database.getConnection(); Statement sql = holder.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + LedgerMigration.LOCK_KEY + ")");
            Future<Integer> start = starter.submit(() -> LedgerMigration.migrate(
                    Flyway.configure().configuration(settings).dataSource(database).load(), database)
                    .migrationsExecuted);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLock(holder) > 0);
            assertThat(start).isNotDone();
            assertThat(tablesIn(database)).as("tables while the lock is held elsewhere").isEmpty();
            sql.execute("SELECT pg_advisory_unlock(" + LedgerMigration.LOCK_KEY + ")");
            assertThat(start.get(60, TimeUnit.SECONDS)).isEqualTo(migrations);
        } finally {
            starter.shutdownNow();
        }
    }

    private static int waitingForAdvisoryLock(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet count = sql.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** {@code spring.flyway.*} of application.yaml, as Flyway's own keys ({@code flyway.baselineOnMigrate}). */
    private static Map<String, String> flywaySettings() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yaml"));
        Properties properties = yaml.getObject();
        Map<String, String> settings = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith("spring.flyway.")) {
                settings.put("flyway." + camelCase(name.substring("spring.flyway.".length())),
                        properties.getProperty(name));
            }
        }
        assertThat(settings).containsKey("flyway.locations");
        return settings;
    }

    private static String camelCase(String kebab) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static List<String> migrationScripts(String locations) throws IOException {
        List<String> scripts = new ArrayList<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String location : locations.split(",")) {
            for (Resource script : resolver.getResources(location.strip().replaceFirst("/?$", "/") + "V*__*.sql")) {
                scripts.add(script.getContentAsString(StandardCharsets.UTF_8));
            }
        }
        assertThat(scripts).isNotEmpty();
        return scripts;
    }

    private static Set<String> tablesCreatedBy(List<String> scripts) {
        Set<String> tables = new TreeSet<>();
        for (String script : scripts) {
            Matcher table = CREATE_TABLE.matcher(script.replaceAll("--[^\n]*", ""));
            while (table.find()) {
                tables.add(table.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static Set<String> tablesIn(DataSource database) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = database.getConnection();
             ResultSet found = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (found.next()) {
                tables.add(found.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }
}
