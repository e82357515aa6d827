package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway owns the ledger's schema, and a ledger made by the version before it (its schema script,
 * {@code ledger/schema-before-flyway.sql}, without Flyway's history table) keeps every row: the postings it
 * recorded are not created a second time.
 */
class LedgerMigrationTest {

    private static final Path SAMPLE = Path.of("samples/greenhouse/jobs.json");

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    void aLedgerOfThePreviousSchemaKeepsItsRowsAndIsMigratedInPlace() throws Exception {
        // the postings sent once, by a connector with a ledger of its own
        OnceRunner first = new OnceRunner(work.resolve("first")).against(jobMojito);
        first.dropSample("greenhouse", SAMPLE);
        assertThat(first.run()).isZero();
        assertThat(jobMojito.creates()).hasSize(4);
        List<List<Object>> rows = new ArrayList<>();
        try (Connection ledger = h2(work.resolve("first/state")); Statement sql = ledger.createStatement();
             ResultSet row = sql.executeQuery("SELECT * FROM posting_ledger")) {
            while (row.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.add(row.getObject(i));
                }
                rows.add(values);
            }
        }
        assertThat(rows).hasSize(4);

        // the same rows in a ledger file made by the previous version's schema script, as it left them
        Path oldState = Files.createDirectories(work.resolve("second/state"));
        try (Connection ledger = h2(oldState); Statement sql = ledger.createStatement()) {
            String script = Files.readString(Path.of("src/test/resources/ledger/schema-before-flyway.sql"),
                    StandardCharsets.UTF_8).replaceAll("(?m)--.*$", "");
            for (String statement : script.split(";")) {
                if (!statement.isBlank()) {
                    sql.execute(statement);
                }
            }
            for (List<Object> values : rows) {
                try (var insert = ledger.prepareStatement("INSERT INTO posting_ledger VALUES ("
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (int i = 0; i < values.size(); i++) {
                        insert.setObject(i + 1, values.get(i));
                    }
                    insert.executeUpdate();
                }
            }
        }

        OnceRunner second = new OnceRunner(work.resolve("second")).against(jobMojito);
        second.dropSample("greenhouse", SAMPLE);
        assertThat(second.run()).isZero();

        assertThat(jobMojito.creates()).as("no posting of the old ledger is created again").hasSize(4);
        assertThat(second.resultLines()).hasSize(4).allSatisfy(line ->
                assertThat(line.get("status").asText()).isEqualTo("skipped"));
        try (Connection ledger = h2(oldState); Statement sql = ledger.createStatement()) {
            try (ResultSet count = sql.executeQuery("SELECT COUNT(*) FROM posting_ledger")) {
                count.next();
                assertThat(count.getInt(1)).isEqualTo(4);
            }
            List<String> applied = new ArrayList<>();
            try (ResultSet history = sql.executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                while (history.next()) {
                    applied.add(history.getString(1));
                }
            }
            assertThat(applied).as("baselined at 0, then every migration").startsWith("0", "1");
        }
        JsonNode any = second.resultLines().get(0);
        assertThat(any.get("errors").get(0).asText()).startsWith("unchanged since");
    }

    private static Connection h2(Path state) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + state.toAbsolutePath().resolve("ledger"), "sa", "");
    }
}
