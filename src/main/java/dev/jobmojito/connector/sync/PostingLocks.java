package dev.jobmojito.connector.sync;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per posting key, held while a posting is synced, so two copies of the same posting (the same file
 * dropped twice, a poll and a file) never both create. Locks exist only while held or awaited: striped locks
 * would make unrelated postings wait for each other's 50 ms calls (at 32 in flight over 64 stripes, a third of
 * the jobs did).
 */
final class PostingLocks {

    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    private final ConcurrentHashMap<String, Holder> held = new ConcurrentHashMap<>();

    /** Runs {@code work} holding the lock of {@code key}. */
    <T> T withLock(String key, java.util.function.Supplier<T> work) {
        Holder holder = held.compute(key, (k, existing) -> {
            Holder h = existing == null ? new Holder() : existing;
            h.users++;
            return h;
        });
        holder.lock.lock();
        try {
            return work.get();
        } finally {
            holder.lock.unlock();
            held.compute(key, (k, h) -> --h.users == 0 ? null : h);
        }
    }

    /** Keys locked or awaited right now; for tests. */
    int size() {
        return held.size();
    }
}
