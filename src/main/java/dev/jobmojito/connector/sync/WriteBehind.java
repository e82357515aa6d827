package dev.jobmojito.connector.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ledger writes that may wait a little to be made together: values by posting key (a later value of a key replaces
 * the waiting one), handed to the writer as one map when {@code batch} are waiting (by the thread that filled the
 * batch, unless another is writing), within {@code maxWaitMillis} otherwise (on one daemon thread shared by every
 * ledger), and on {@link #flush}. A write in progress is waited for by {@link #flush} and {@link #flush(String)},
 * so a read that flushes first sees it committed. The {@link Ledger} uses it for the answers to creates on H2 and
 * for record fingerprint notes.
 *
 * @param <V> what is written for a key
 */
final class WriteBehind<V> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(run -> {
        Thread thread = new Thread(run, "ledger-write-behind");
        thread.setDaemon(true);
        return thread;
    });

    private final ConcurrentHashMap<String, V> waiting = new ConcurrentHashMap<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final int batch;
    private final long maxWaitMillis;
    private final Consumer<Map<String, V>> writer;
    private final String what;

    /**
     * @param batch         how many waiting values make a write at once
     * @param maxWaitMillis the longest a value waits, in milliseconds
     * @param writer        writes the values taken, in one transaction; what it throws reaches the caller of
     *                      {@link #put} or {@link #flush}, and on the timer's thread is logged. Either way the
     *                      values it was given are not queued again: a writer whose values matter says how they
     *                      are recovered (the answers to creates: as after a crash, by code)
     * @param what          what the values are, for the log ("Answers to creates")
     */
    WriteBehind(int batch, long maxWaitMillis, Consumer<Map<String, V>> writer, String what) {
        this.batch = batch;
        this.maxWaitMillis = maxWaitMillis;
        this.writer = writer;
        this.what = what;
    }

    /** Queues the value of a key; writes the batch when it is full, or makes sure it is written in time. */
    void put(String key, V value) {
        waiting.put(key, value);
        if (waiting.size() >= batch && writing.tryLock()) {
            try {
                write();
            } finally {
                writing.unlock();
            }
        } else if (scheduled.compareAndSet(false, true)) {
            TIMER.schedule(this::timed, maxWaitMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The timer's write: never waits for a write in progress (the shared timer thread would hold up every other
     * ledger's), it comes back later instead.
     */
    private void timed() {
        scheduled.set(false);
        if (!writing.tryLock()) {
            if (scheduled.compareAndSet(false, true)) {
                TIMER.schedule(this::timed, maxWaitMillis, TimeUnit.MILLISECONDS);
            }
            return;
        }
        try {
            write();
        } catch (RuntimeException e) {
            LOG.warn("{} could not be written: {}", what, e.toString());
        } finally {
            writing.unlock();
        }
    }

    /** Writes everything waiting, after any write in progress (nothing when called from inside the writer). */
    void flush() {
        if (writing.isHeldByCurrentThread() || waiting.isEmpty() && !writing.isLocked()) {
            return;
        }
        writing.lock();
        try {
            write();
        } finally {
            writing.unlock();
        }
    }

    /**
     * Makes sure the key's value is committed: writes everything waiting when it is waiting, or waits for the
     * write in progress; else nothing.
     */
    void flush(String key) {
        if (writing.isHeldByCurrentThread()) {
            return;
        }
        if (waiting.containsKey(key)) {
            flush();
        } else if (writing.isLocked()) {
            // it may be in the write in progress: wait for that write to end
            writing.lock();
            writing.unlock();
        }
    }

    private void write() {
        Map<String, V> taken = new LinkedHashMap<>();
        for (String key : List.copyOf(waiting.keySet())) {
            V value = waiting.remove(key);
            if (value != null) {
                taken.put(key, value);
            }
        }
        if (!taken.isEmpty()) {
            writer.accept(taken);
        }
    }
}
