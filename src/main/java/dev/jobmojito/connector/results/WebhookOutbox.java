package dev.jobmojito.connector.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.HeldTransaction;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhook sink: each result is queued in the ledger database's {@code webhook_outbox} table (migration V3)
 * as the exact body to deliver, with a message id ({@code msg_<uuid>}) that every attempt sends as
 * {@code webhook-id}. {@link WebhookSender} delivers the rows; any replica sharing the database can take any row
 * ({@link #claim}), so the backlog of a replica that died is delivered by the others, and a receiver that is down
 * for an hour finds every result waiting when it comes back. No secret is stored: results are masked, and the
 * signature is computed at each attempt.
 *
 * <p>The previous version kept the outbox as files in {@code <CONNECTOR_STATE>/webhook-outbox/} and refused
 * results in {@code webhook-dead-letters/}: {@link #importFiles} takes them into the tables once, at start.
 */
public final class WebhookOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookOutbox.class);
    /** Where imported files of the previous version are moved, under CONNECTOR_STATE. */
    public static final String IMPORTED = "imported-to-database";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    /** @param dataSource the ledger's database, migrated (table {@code webhook_outbox}, {@code dead_letter}) */
    public WebhookOutbox(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /**
     * Queues a result for the webhook under a new message id.
     *
     * @throws OutcomeNotRecordedException when the database does not take it
     */
    public void accept(JobResult result) {
        try {
            insert("msg_" + UUID.randomUUID().toString().replace("-", ""),
                    SecretRegistry.mask(Json.write(result.toJson())), clock.instant());
        } catch (DataAccessException e) {
            throw new OutcomeNotRecordedException("cannot queue a result for the webhook in the ledger database: "
                    + SecretRegistry.mask(String.valueOf(e.getMostSpecificCause().getMessage())), e);
        }
    }

    /**
     * {@link #accept} for results decided together (postings recognised unchanged): queued in one batch of
     * statements, so a chunk costs the database one round trip.
     *
     * @throws OutcomeNotRecordedException when the outbox cannot be written
     */
    public void acceptAll(java.util.List<JobResult> results) {
        if (results.isEmpty()) {
            return;
        }
        OffsetDateTime at = utc(clock.instant());
        java.util.List<Object[]> rows = new java.util.ArrayList<>(results.size());
        for (JobResult result : results) {
            rows.add(new Object[] {"msg_" + UUID.randomUUID().toString().replace("-", ""),
                    SecretRegistry.mask(Json.write(result.toJson())), at});
        }
        try {
            jdbc.batchUpdate("INSERT INTO webhook_outbox (webhook_id, body, queued_at, attempts) VALUES (?, ?, ?, 0)",
                    rows);
        } catch (DataAccessException e) {
            throw new OutcomeNotRecordedException("cannot queue results for the webhook in the ledger database: "
                    + SecretRegistry.mask(String.valueOf(e.getMostSpecificCause().getMessage())), e);
        }
    }

    private void insert(String webhookId, String body, Instant at) {
        jdbc.update("INSERT INTO webhook_outbox (webhook_id, body, queued_at, attempts) VALUES (?, ?, ?, 0)",
                webhookId, body, utc(at));
    }

    /** Results waiting for the webhook, on every replica (rows being delivered included). */
    public long pending() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM webhook_outbox", Long.class);
        return count == null ? 0 : count;
    }

    /** Results the receiver refused for good ({@code dead_letter} rows of kind {@code webhook}). */
    public long refused() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE kind = 'webhook'", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Takes the oldest queued result that no other delivery holds ({@code SELECT ... FOR UPDATE SKIP LOCKED}, in
     * a transaction kept open on a connection of its own until the claim ends): while it is held no replica sends
     * the same row. End it with {@link Claim#delivered}, {@link Claim#refused} or {@link Claim#failed}; closing
     * it otherwise (or the process dying) leaves the row as it was, for the next delivery.
     *
     * @return the claim, or empty when every queued result is delivered or held by another delivery
     * @throws DataAccessException when the database cannot be reached
     */
    public Optional<Claim> claim() {
        return HeldTransaction.claim(dataSource, "a result of the webhook outbox", transaction -> {
            try (PreparedStatement select = transaction.connection().prepareStatement("SELECT id, webhook_id, body"
                    + " FROM webhook_outbox ORDER BY id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED");
                 ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Claim(transaction, row.getLong("id"), row.getString("webhook_id"),
                                row.getString("body")))
                        : Optional.empty();
            }
        });
    }

    /**
     * One queued result held by one delivery: its row stays locked (no other replica sends it) until the claim
     * ends. Not thread-safe: one delivery uses it.
     */
    public final class Claim implements AutoCloseable {

        private final HeldTransaction transaction;
        private final long row;
        private final String webhookId;
        private final String body;

        private Claim(HeldTransaction transaction, long row, String webhookId, String body) {
            this.transaction = transaction;
            this.row = row;
            this.webhookId = webhookId;
            this.body = body;
        }

        /** The message id, the same at every attempt and on every replica ({@code msg_<32 hex digits>}). */
        public String webhookId() {
            return webhookId;
        }

        /** The result's JSON line, to be POSTed as it is. */
        public String body() {
            return body;
        }

        /** The receiver answered 2xx: the result leaves the outbox. */
        public void delivered() {
            end("delete a delivered result from the webhook outbox", connection -> {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_outbox WHERE id = ?")) {
                    delete.setLong(1, row);
                    delete.executeUpdate();
                }
            });
        }

        /**
         * The receiver refused the result for good: it moves, in one transaction, to {@code dead_letter} (kind
         * {@code webhook}, named by its message id) with the answer ({@code letter} is the JSON kept there).
         */
        public void refused(ObjectNode letter) {
            end("park a refused result as a dead letter", connection -> {
                OffsetDateTime now = utc(clock.instant());
                try (PreparedStatement park = connection.prepareStatement("INSERT INTO dead_letter"
                        + " (kind, name, letter, parked_at, updated_at) VALUES ('webhook', ?, ?, ?, ?)");
                     PreparedStatement delete = connection.prepareStatement("DELETE FROM webhook_outbox WHERE id = ?")) {
                    park.setString(1, webhookId);
                    park.setString(2, SecretRegistry.maskValues(Json.write(letter)));
                    park.setObject(3, now);
                    park.setObject(4, now);
                    park.executeUpdate();
                    delete.setLong(1, row);
                    delete.executeUpdate();
                }
            });
        }

        /** The delivery failed for now ({@code why}: unreachable, HTTP 503...): counted on the row, which stays. */
        public void failed(String why) {
            end("note a failed delivery in the webhook outbox", connection -> {
                try (PreparedStatement note = connection.prepareStatement("UPDATE webhook_outbox"
                        + " SET attempts = attempts + 1, last_failure = ? WHERE id = ?")) {
                    note.setString(1, why.length() > 500 ? why.substring(0, 500) : why);
                    note.setLong(2, row);
                    note.executeUpdate();
                }
            });
        }

        private void end(String task, HeldTransaction.Work work) {
            transaction.commit(task, work);
        }

        /** Ends the claim without changing the row (rolled back); does nothing once the claim has ended. */
        @Override
        public void close() {
            transaction.close();
        }
    }

    /**
     * Takes the previous version's files into the tables, once: every result waiting in
     * {@code <state>/webhook-outbox/} (in their order, keeping their message ids, so a receiver can still drop
     * one it had already seen) and every refused result in {@code <state>/webhook-dead-letters/}. Each file is
     * moved to {@code <state>/imported-to-database/} after its row is committed; a file whose message id is
     * already in a table (a start that stopped between the two) is only moved. A refused result that is not JSON
     * stays where it is, with a warning.
     *
     * @return how many files were imported
     * @throws UncheckedIOException when a file cannot be read or moved
     */
    public int importFiles(Path state) {
        int imported = 0;
        for (Path file : files(state.resolve("webhook-outbox"))) {
            String id = messageId(file);
            if (id == null) {
                LOG.warn("{} is not a webhook outbox file of an earlier version (no msg_ id in its name); left where"
                        + " it is", file);
                continue;
            }
            try {
                insert(id, Files.readString(file, StandardCharsets.UTF_8), clock.instant());
            } catch (DuplicateKeyException alreadyImported) {
                // committed by a start that stopped before moving the file
            } catch (IOException e) {
                throw new UncheckedIOException("cannot import the webhook outbox file " + file + ": " + e, e);
            }
            moveAside(state, "webhook-outbox", file);
            imported++;
        }
        for (Path file : files(state.resolve("webhook-dead-letters"))) {
            String name = file.getFileName().toString();
            name = name.substring(0, name.length() - ".json".length());
            try {
                String letter = Files.readString(file, StandardCharsets.UTF_8);
                Json.MAPPER.readTree(letter);
                OffsetDateTime now = utc(clock.instant());
                jdbc.update("INSERT INTO dead_letter (kind, name, letter, parked_at, updated_at)"
                        + " VALUES ('webhook', ?, ?, ?, ?)", name, letter, now, now);
            } catch (DuplicateKeyException alreadyImported) {
                // committed by a start that stopped before moving the file
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                LOG.warn("{} is not JSON ({}); left where it is", file, e.getOriginalMessage());
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot import the webhook dead letter " + file + ": " + e, e);
            }
            moveAside(state, "webhook-dead-letters", file);
            imported++;
        }
        if (imported > 0) {
            LOG.info("Imported {} webhook outbox and dead letter files of an earlier version into the ledger database;"
                    + " the files are kept in {}", imported, state.resolve(IMPORTED));
        }
        return imported;
    }

    /** The queued files of a folder of the previous version, oldest first (their names sort by time). */
    static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e, e);
        }
    }

    /** Moves an imported file to {@code <state>/imported-to-database/<folder>/}. */
    static void moveAside(Path state, String folder, Path file) {
        try {
            Path target = Files.createDirectories(state.resolve(IMPORTED).resolve(folder));
            Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the imported file " + file + " to " + state.resolve(IMPORTED)
                    + ": " + e, e);
        }
    }

    /** The message id in an outbox file name of the previous version ({@code <stamp>-<seq>-msg_<hex>.json}). */
    static String messageId(Path file) {
        String name = file.getFileName().toString();
        int at = name.indexOf("msg_");
        return at < 0 ? null : name.substring(at, name.length() - ".json".length());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
