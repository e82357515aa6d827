package dev.jobmojito.connector.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * One lock per posting key, held while a posting is synced, so two copies of the same posting (the same file
 * dropped twice, a poll and a file, two replicas polling the same ATS) never both create.
 *
 * <p>In the JVM: a lock that exists only while held or awaited (striped locks would make unrelated postings wait
 * for each other's 50 ms calls: at 32 in flight over 64 stripes, a third of the jobs did). It is the fast path:
 * two threads of one replica never both ask the database.
 *
 * <p>Across replicas, on PostgreSQL: then a claim in the database, a transaction-scoped advisory lock
 * ({@code pg_advisory_xact_lock}) on a connection held for as long as the posting is synced. A second replica
 * waits for it and then reads what the first recorded; a replica that dies (even {@code kill -9}) loses its
 * connection and PostgreSQL releases its claims at once, so there is no lease to expire and nothing to clean up.
 * The ledger's own writes stay on other connections, each committed at once (the in-flight mark must be durable
 * before the create is sent). An embedded H2 ledger is a file one process opens, so there the JVM lock is all it
 * takes.
 */
final class PostingLocks {

    private static final class Holder {
        // a semaphore, not a lock owned by a thread: a job's route may go on on another thread (a throttle, an
        // asynchronous step) and release the claim there
        final Semaphore permit = new Semaphore(1);
        int users;
    }

    /**
     * A posting's claim while it is held: close it once, on any thread, when the posting's outcome is recorded.
     */
    interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();
    /** The database claims are taken in, or null for the JVM lock alone. */
    private final DataSource claims;

    /** Locks in this JVM only. */
    PostingLocks() {
        this(null);
    }

    /** @param claims the PostgreSQL database the claims are taken in; null for the JVM lock alone */
    PostingLocks(DataSource claims) {
        this.claims = claims;
    }

    /** Runs {@code work} holding the lock of {@code key} (and its claim in the database, when there is one). */
    <T> T withLock(String key, Supplier<T> work) {
        try (Claim claim = claim(key)) {
            return work.get();
        }
    }

    /**
     * Takes the lock of {@code key}, waiting while another job holds it, and its claim in the database when there
     * is one (waiting for another replica's claim).
     *
     * @throws CannotGetJdbcConnectionException when the database cannot give a connection for the claim
     * @throws UncategorizedSQLException        when the claim cannot be taken
     * @throws IllegalStateException            when interrupted while waiting (the interrupt flag is set again)
     */
    Claim claim(String key) {
        Holder holder = held.compute(key, (k, existing) -> {
            Holder h = existing == null ? new Holder() : existing;
            h.users++;
            return h;
        });
        try {
            holder.permit.acquire();
        } catch (InterruptedException e) {
            release(key);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the claim of " + key, e);
        }
        Claim local = () -> {
            holder.permit.release();
            release(key);
        };
        if (claims == null) {
            return once(local);
        }
        try {
            Connection connection = databaseClaim(key);
            return once(() -> {
                try (connection) {
                    // ends the transaction, and with it the claim
                    connection.rollback();
                } catch (SQLException e) {
                    // the connection is gone, and with it the claim: nothing is left to release
                } finally {
                    local.close();
                }
            });
        } catch (RuntimeException failure) {
            local.close();
            throw failure;
        }
    }

    private void release(String key) {
        held.compute(key, (k, h) -> --h.users == 0 ? null : h);
    }

    private static Claim once(Claim claim) {
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                claim.close();
            }
        };
    }

    private Connection databaseClaim(String key) {
        Connection connection;
        try {
            connection = claims.getConnection();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("no connection for the claim of " + key, e);
        }
        try {
            connection.setAutoCommit(false);
            try (PreparedStatement claim = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                claim.setLong(1, claimId(key));
                claim.execute();
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw new UncategorizedSQLException("claim of " + key, "pg_advisory_xact_lock", e);
        }
    }

    /** The advisory lock's 64-bit key for a posting key: the first 8 bytes of its SHA-256. */
    static long claimId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("posting:" + key).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether claims are taken in the database (PostgreSQL), not only in this JVM. */
    boolean claimsInDatabase() {
        return claims != null;
    }

    /** Keys locked or awaited right now; for tests. */
    int size() {
        return held.size();
    }
}
