package dev.jobmojito.connector.replicas;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The drop folder's file claims shared by replicas: a claim this replica took can only be given back by this
 * replica. Wraps the database repository (Camel's {@code JdbcOrphanLockAwareIdempotentRepository}) and forgets
 * a {@code remove} of a key it does not hold.
 *
 * <p>Why: Camel's {@code idempotent-changed} read lock gives the claim back when it aborts a file, and it aborts
 * a file whose claim it could not take, so a replica that found a file taken by another deleted the other's
 * claim, and a third look at the file found it free while it was still being read (seen: each of six files read
 * by both replicas at once). Only claims taken here are released here; one left by a replica that died is taken
 * over by the repository itself once stale.
 */
public final class InboxFileClaims extends ServiceSupport implements IdempotentRepository {

    private final IdempotentRepository database;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** @param database the shared repository the claims are rows of */
    public InboxFileClaims(IdempotentRepository database) {
        this.database = database;
    }

    /** Takes the claim of a file (its path under the inbox); false when another replica holds it. */
    @Override
    public boolean add(String key) {
        boolean taken = database.add(key);
        if (taken) {
            held.add(key);
        }
        return taken;
    }

    @Override
    public boolean contains(String key) {
        return database.contains(key);
    }

    /** Gives back a claim this replica holds; does nothing (false) for any other key. */
    @Override
    public boolean remove(String key) {
        return held.remove(key) && database.remove(key);
    }

    @Override
    public boolean confirm(String key) {
        return held.contains(key) && database.confirm(key);
    }

    @Override
    public void clear() {
        held.forEach(this::remove);
    }

    @Override
    protected void doStart() throws Exception {
        ServiceHelper.startService(database);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(database);
    }
}
