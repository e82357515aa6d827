package dev.jobmojito.connector.sync;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The persistent record of every posting sent to JobMojito: which interview it became, what was sent last, and
 * whether a create is in flight. It survives restarts and is what makes a second run of the same export send
 * nothing new. Each write is its own committed statement, made before the input it came from is acknowledged,
 * except, on H2, the answers to creates ({@link #deferCreated}, adopted by code after a crash like any create in
 * flight); and an unchanged posting is recognised from a read-ahead of its source ({@link #findUnchanged}), so a
 * re-sync that finds nothing changed costs a query per source and no write at all: which postings a poll still
 * holds is known from the poll itself ({@link dev.jobmojito.connector.intake.IntakeBatch#held}), not written per
 * posting. {@code last_seen_at} is when the entry was last written.
 */
public final class Ledger {

    private static final String COLUMNS = "posting_key, source, code, name, content_hash, interview_id, status, "
            + "request_json, in_flight_since, created_at, updated_at, last_seen_at";

    /** Answers to creates written together once this many are waiting (see {@link #deferCreated}). */
    static final int CREATED_BATCH = 16;
    /** The longest an answer to a create waits to be written (see {@link #deferCreated}). */
    static final long CREATED_MAX_WAIT_MILLIS = 200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Ledger.class);

    /**
     * Fingerprint notes ({@link #noteFingerprint}) are written this many to a transaction, or after
     * {@value #NOTE_MAX_WAIT_MILLIS} ms, and when the ledger closes. One lost in a crash only means its posting is
     * mapped once more at the next re-sync.
     */
    static final int NOTE_BATCH = 256;
    static final long NOTE_MAX_WAIT_MILLIS = 1_000;
    /** Fingerprint notes not written yet, by posting key: {@code <fingerprint>:<content hash>}. */
    private final WriteBehind<String> notes = new WriteBehind<>(NOTE_BATCH, NOTE_MAX_WAIT_MILLIS, this::writeNotes,
            "Record fingerprints");

    /** How long a source's {@link #findUnchanged read-ahead} is used before it is read again. */
    static final long READ_AHEAD_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    /** Time allowed between noting that an entry changes and the change being committed. */
    static final long CHANGE_MARGIN_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    /** A source with more postings than this gets no read-ahead (it would take too much memory). */
    static final int READ_AHEAD_MAX = 50_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PostingLocks locks;
    /** When this ledger last wrote each entry, for entries written lately (see {@link #changing}). */
    private final ConcurrentHashMap<String, Long> changedAt = new ConcurrentHashMap<>();
    /** What each source's postings were sent with, read in one query (see {@link #findUnchanged}). */
    private final ConcurrentHashMap<String, ReadAhead> readAhead = new ConcurrentHashMap<>();
    /**
     * Answers to creates not written yet, by posting key: {interview id, when} (see {@link #deferCreated}). Only on
     * a ledger whose claims hold in this JVM alone (H2): every read of this ledger writes them first.
     */
    private final WriteBehind<Object[]> created = new WriteBehind<>(CREATED_BATCH, CREATED_MAX_WAIT_MILLIS,
            this::writeCreated, "Answers to creates");
    /** Whether answers to creates may wait to be written with others ({@link #deferCreated}). */
    private final boolean deferAnswers;

    public Ledger(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        boolean postgreSql = isPostgreSql(dataSource);
        this.locks = new PostingLocks(postgreSql ? dataSource : null);
        this.deferAnswers = !postgreSql;
    }

    /**
     * A source's open postings as last sent (content hash, status, interview, name, when) by key; those whose
     * record fingerprint is noted for their current content hash by that fingerprint ({@link #findUnchangedRecord});
     * what each entry has noted ({@code record_fingerprint}); and when it was read.
     */
    private record ReadAhead(Map<String, LedgerEntry> entries, Map<String, LedgerEntry> byFingerprint,
                             Map<String, String> noted, long readAt) {
    }

    private static boolean isPostgreSql(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equalsIgnoreCase("PostgreSQL");
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("the ledger's database cannot be reached", e);
        }
    }

    /**
     * Runs {@code work} holding the claim of a posting: no other thread, and no other replica sharing this
     * PostgreSQL ledger, syncs the same posting meanwhile (see {@link PostingLocks}). Take it before reading the
     * posting's entry and hold it until the answer is recorded.
     */
    public <T> T claimed(String key, Supplier<T> work) {
        return locks.withLock(key, work);
    }

    /**
     * Takes the claim of a posting (see {@link #claimed}) and returns it held; closing it, once, on any thread,
     * releases it.
     */
    PostingLocks.Claim claim(String key) {
        return locks.claim(key);
    }

    /** Whether claims hold across replicas (a PostgreSQL ledger), not only in this JVM. */
    public boolean claimsAcrossReplicas() {
        return locks.claimsInDatabase();
    }

    public static String key(String source, String code) {
        return source + ":" + code;
    }

    public Optional<LedgerEntry> find(String key) {
        writeCreatedOf(key);
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE posting_key = ?", ROW, key).stream()
                .findFirst();
    }

    /**
     * The posting whose interview this is ({@code interview_def_set_id}), for an interview result that names
     * only its interview (issue 14, receiving). Index {@code posting_ledger_interview} (migration V4).
     *
     * @return the entry, or empty when no posting has that interview; the newest changed when several have
     */
    public Optional<LedgerEntry> findByInterview(String interviewId) {
        if (interviewId == null) {
            return Optional.empty();
        }
        flushCreated();
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE interview_id = ? ORDER BY updated_at DESC",
                ROW, interviewId).stream().findFirst();
    }

    /**
     * The posting's entry when it was last sent with exactly this content ({@code hash}) and has an interview
     * that is open (created or updated): the common case of a re-sync, decided without a query per posting. The
     * entries of a source are read together, in one query, and used for {@value #READ_AHEAD_NANOS} ns; it does
     * not answer for entries this ledger wrote since (or shortly before) it was read, so for those (and for postings it does not hold)
     * the caller takes the posting's claim and reads its entry as usual. The entry carries no request text.
     */
    public Optional<LedgerEntry> findUnchanged(String source, String key, String hash) {
        ReadAhead known = readAheadOf(source);
        if (writtenSince(key, known)) {
            return Optional.empty();
        }
        LedgerEntry entry = known.entries().get(key);
        return entry != null && hash.equals(entry.contentHash())
                && (entry.status() == LedgerStatus.CREATED || entry.status() == LedgerStatus.UPDATED)
                ? Optional.of(entry) : Optional.empty();
    }

    /**
     * The open posting of {@code source} whose request was last found to come from a record with this
     * fingerprint ({@link dev.jobmojito.connector.mapping.Mapping#fingerprint}; noted by {@link #noteFingerprint}
     * for the content hash the entry still has): the posting is unchanged, known without mapping its record.
     * From the same read-ahead as {@link #findUnchanged}, with the same rule for entries written since.
     *
     * @return the entry (with its name), or empty when no open entry has that fingerprint noted
     */
    public Optional<LedgerEntry> findUnchangedRecord(String source, String fingerprint) {
        ReadAhead known = readAheadOf(source);
        LedgerEntry entry = known.byFingerprint().get(fingerprint);
        return entry == null || writtenSince(entry.key(), known) ? Optional.empty() : Optional.of(entry);
    }

    /**
     * Notes that the open entry {@code key}, found unchanged by its request ({@link #findUnchanged}), comes from a
     * record with this fingerprint, so the next re-sync knows it without mapping ({@link #findUnchangedRecord}).
     * Only when the read-ahead does not show it noted already (the first re-sync after the record, its mapping or
     * the connector's build changed; none afterwards), and then with others ({@value #NOTE_BATCH} to a
     * transaction, see {@link #NOTE_BATCH}), in table {@code posting_fingerprint} (migration V11), not in the
     * posting's row. The note holds for {@code contentHash} only: any later change of the entry's request voids
     * it.
     */
    public void noteFingerprint(String source, String key, String fingerprint, String contentHash) {
        String note = fingerprint + ":" + contentHash;
        if (note.equals(readAheadOf(source).noted().get(key))) {
            return;
        }
        notes.put(key, note);
    }

    /**
     * Writes the waiting notes in one transaction. Never fails the job that happens to write them: a note is
     * advisory, and one not written (the database away, a conflict with another replica) only means its posting
     * is mapped once more at the next re-sync.
     */
    private void writeNotes(Map<String, String> latest) {
        // one note per posting: the last, when it was noted twice meanwhile (the same posting twice in a file)
        List<String> keys = List.copyOf(latest.keySet());
        try {
            transactions.executeWithoutResult(status -> {
                int[] updated = jdbc.batchUpdate("UPDATE posting_fingerprint SET note = ? WHERE posting_key = ?",
                        keys.stream().map(key -> new Object[] {latest.get(key), key}).toList());
                List<Object[]> missing = new ArrayList<>();
                for (int i = 0; i < updated.length; i++) {
                    // 0: no row yet (a driver that cannot tell, SUCCESS_NO_INFO, is taken as updated)
                    if (updated[i] == 0) {
                        missing.add(new Object[] {keys.get(i), latest.get(keys.get(i))});
                    }
                }
                if (!missing.isEmpty()) {
                    jdbc.batchUpdate("INSERT INTO posting_fingerprint (posting_key, note) VALUES (?, ?)", missing);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("{} record fingerprints could not be noted (those postings are mapped again at the next "
                    + "re-sync): {}", keys.size(), e.toString());
        }
    }

    private ReadAhead readAheadOf(String source) {
        ReadAhead known = readAhead.get(source);
        if (known == null || System.nanoTime() - known.readAt() > READ_AHEAD_NANOS) {
            known = readAhead.compute(source, (s, current) -> current != null
                    && System.nanoTime() - current.readAt() <= READ_AHEAD_NANOS ? current : readAhead(s));
        }
        return known;
    }

    /** Whether this ledger wrote the entry since (or just before) the read-ahead was read. */
    private boolean writtenSince(String key, ReadAhead known) {
        Long changed = changedAt.get(key);
        return changed != null && changed - known.readAt() > -CHANGE_MARGIN_NANOS;
    }

    private ReadAhead readAhead(String source) {
        flushCreated();
        long readAt = System.nanoTime();
        // what changed well before this read is in it
        changedAt.values().removeIf(changed -> readAt - changed > 2 * CHANGE_MARGIN_NANOS + READ_AHEAD_NANOS);
        Map<String, LedgerEntry> entries = new HashMap<>();
        Map<String, LedgerEntry> byFingerprint = new HashMap<>();
        Map<String, String> noted = new HashMap<>();
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM posting_ledger WHERE source = ?", Integer.class,
                source);
        if (count != null && count <= READ_AHEAD_MAX) {
            jdbc.query("SELECT l.posting_key, l.source, l.code, l.name, l.content_hash, l.interview_id, l.status,"
                    + " l.updated_at, f.note AS record_fingerprint FROM posting_ledger l LEFT JOIN posting_fingerprint f"
                    + " ON f.posting_key = l.posting_key WHERE l.source = ? AND l.status IN (?, ?)", row -> {
                        LedgerEntry entry = new LedgerEntry(row.getString("posting_key"), row.getString("source"),
                                row.getString("code"), row.getString("name"), row.getString("content_hash"),
                                row.getString("interview_id"), LedgerStatus.of(row.getString("status")), null, null,
                                null, instant(row, "updated_at"), null);
                        entries.put(entry.key(), entry);
                        String note = row.getString("record_fingerprint");
                        if (note != null) {
                            noted.put(entry.key(), note);
                            int colon = note.indexOf(':');
                            // a note made for another request than the one the entry has now says nothing
                            if (colon > 0 && note.substring(colon + 1).equals(entry.contentHash())) {
                                byFingerprint.put(note.substring(0, colon), entry);
                            }
                        }
                    }, source, LedgerStatus.CREATED.value(), LedgerStatus.UPDATED.value());
        }
        return new ReadAhead(entries, byFingerprint, noted, readAt);
    }

    /**
     * The entry of {@code key} is about to change: a read-ahead read before the change was committed (with a
     * margin of {@value #CHANGE_MARGIN_NANOS} ns for the statement) no longer answers for it.
     */
    private void changing(String key) {
        changedAt.put(key, System.nanoTime());
    }

    /** Records that a create is about to be sent: from now on a retry or a restart reconciles first. */
    public void markInFlight(String source, String code, String name, String hash, String requestJson, Instant now) {
        String key = key(source, code);
        writeCreatedOf(key);
        changing(key);
        // a posting replaced on purpose (CONNECTOR_SYNC_ON_CHANGE=create) forgets its old interview here
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, name = ?, content_hash = ?, request_json = ?,"
                        + " interview_id = NULL, in_flight_since = ?, updated_at = ?, last_seen_at = ?"
                        + " WHERE posting_key = ?",
                LedgerStatus.IN_FLIGHT.value(), name, hash, requestJson, at(now), at(now), at(now), key);
        if (updated == 0) {
            insertInFlight(source, code, name, hash, requestJson, now);
        }
    }

    /** {@link #markInFlight} for a posting the ledger does not know yet: one statement instead of two. */
    public void insertInFlight(String source, String code, String name, String hash, String requestJson,
                               Instant now) {
        changing(key(source, code));
        jdbc.update("INSERT INTO posting_ledger (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)",
                key(source, code), source, code, name, hash, LedgerStatus.IN_FLIGHT.value(), requestJson, at(now),
                at(now), at(now), at(now));
    }

    /**
     * Records the interview a create made, for an entry {@link #markInFlight marked in flight} with the same
     * request: only the answer is written (the request text is not written a second time).
     */
    public void recordCreatedFromInFlight(String key, String interviewId, Instant now) {
        changing(key);
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, interview_id = ?, in_flight_since = NULL,"
                        + " updated_at = ?, last_seen_at = ? WHERE posting_key = ? AND status = ?",
                LedgerStatus.CREATED.value(), interviewId, at(now), at(now), key, LedgerStatus.IN_FLIGHT.value());
        if (updated == 0) {
            throw new IllegalStateException("no ledger entry in flight for " + key);
        }
    }

    /**
     * {@link #recordCreatedFromInFlight}, written later with others when this ledger may (H2: one process, where
     * each commit is written to the file under one lock, and two commits per create were what limited 32 jobs in
     * flight): the answers wait in memory and are written {@value #CREATED_BATCH} to a transaction, by the job
     * that fills a batch, before any read of this ledger, before any other write to the same posting, every
     * {@value #CREATED_MAX_WAIT_MILLIS} ms, and when the ledger closes. A process killed before they are written
     * leaves those postings in flight, exactly as a kill between JobMojito's answer and an immediate write does:
     * the next start finds their interviews by code and adopts them (the in-flight mark, which must be on disk
     * before the call, is never deferred). On PostgreSQL the answer is written at once.
     *
     * @param key         the posting's key, {@link #markInFlight marked in flight} with the request sent
     * @param interviewId the interview the create made
     */
    public void deferCreated(String key, String interviewId, Instant now) {
        if (!deferAnswers) {
            recordCreatedFromInFlight(key, interviewId, now);
            return;
        }
        changing(key);
        created.put(key, new Object[] {interviewId, now});
    }

    /** Writes the answers to creates still waiting ({@link #deferCreated}), after any write in progress. */
    public void flushCreated() {
        created.flush();
    }

    private void writeCreatedOf(String key) {
        created.flush(key);
    }

    /** The answers taken from the waiting ones, in one transaction; a database failure reaches the caller. */
    private void writeCreated(Map<String, Object[]> answers) {
        List<Object[]> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        answers.forEach((key, answer) -> {
            Instant at = (Instant) answer[1];
            rows.add(new Object[] {LedgerStatus.CREATED.value(), answer[0], at(at), at(at), key,
                    LedgerStatus.IN_FLIGHT.value()});
            keys.add(key);
        });
        int[] counts = transactions.execute(status -> jdbc.batchUpdate("UPDATE posting_ledger SET status = ?,"
                + " interview_id = ?, in_flight_since = NULL, updated_at = ?, last_seen_at = ? WHERE posting_key = ?"
                + " AND status = ?", rows));
        for (int i = 0; counts != null && i < counts.length; i++) {
            if (counts[i] == 0) {
                // not in flight anymore (replaced meanwhile): the next start reconciles whatever is in flight
                LOG.warn("The answer to the create of {} was not written: no entry in flight", keys.get(i));
            }
        }
    }

    /** Records the interview a create made (or that reconciliation found). */
    public void recordCreated(String key, String interviewId, String name, String hash, String requestJson,
                              Instant now) {
        record(key, LedgerStatus.CREATED, interviewId, name, hash, requestJson, now);
    }

    /** Records that the interview was brought up to date with this request. */
    public void recordUpdated(String key, String interviewId, String name, String hash, String requestJson,
                              Instant now) {
        record(key, LedgerStatus.UPDATED, interviewId, name, hash, requestJson, now);
    }

    private void record(String key, LedgerStatus status, String interviewId, String name, String hash,
                        String requestJson, Instant now) {
        writeCreatedOf(key);
        changing(key);
        int updated = jdbc.update("UPDATE posting_ledger SET status = ?, interview_id = ?, name = ?, content_hash = ?,"
                        + " request_json = ?, in_flight_since = NULL, updated_at = ?, last_seen_at = ?"
                        + " WHERE posting_key = ?",
                status.value(), interviewId, name, hash, requestJson, at(now), at(now), key);
        if (updated == 0) {
            throw new IllegalStateException("no ledger entry for " + key);
        }
    }

    /** A create that ended without an interview (rejected, or failed and parked): nothing is in flight anymore. */
    public void clearInFlight(String key) {
        writeCreatedOf(key);
        changing(key);
        jdbc.update("DELETE FROM posting_ledger WHERE posting_key = ? AND status = ? AND interview_id IS NULL",
                key, LedgerStatus.IN_FLIGHT.value());
    }

    /** Called by Spring when the ledger closes (after Camel has stopped): the waiting notes are written. */
    public void close() {
        try {
            flushCreated();
        } finally {
            notes.flush();
        }
    }

    public void recordClosed(String key, Instant now) {
        writeCreatedOf(key);
        changing(key);
        jdbc.update("UPDATE posting_ledger SET status = ?, updated_at = ? WHERE posting_key = ?",
                LedgerStatus.CLOSED.value(), at(now), key);
    }

    /**
     * The postings of a source with an open interview (created or updated): what a complete poll closes when it
     * no longer holds them ({@link SyncDelivery#closing}).
     */
    public List<LedgerEntry> open(String source) {
        flushCreated();
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE source = ? AND status IN (?, ?)"
                + " ORDER BY posting_key", ROW, source, LedgerStatus.CREATED.value(), LedgerStatus.UPDATED.value());
    }

    /** Creates sent without a recorded answer: what a restart must reconcile. */
    public List<LedgerEntry> inFlight() {
        flushCreated();
        return jdbc.query("SELECT " + COLUMNS + " FROM posting_ledger WHERE status = ? ORDER BY posting_key", ROW,
                LedgerStatus.IN_FLIGHT.value());
    }

    public long size() {
        flushCreated();
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM posting_ledger", Long.class);
        return count == null ? 0 : count;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<LedgerEntry> ROW = (row, index) -> new LedgerEntry(
            row.getString("posting_key"), row.getString("source"), row.getString("code"), row.getString("name"),
            row.getString("content_hash"), row.getString("interview_id"), LedgerStatus.of(row.getString("status")),
            row.getString("request_json"), instant(row, "in_flight_since"), instant(row, "created_at"),
            instant(row, "updated_at"), instant(row, "last_seen_at"));
}
