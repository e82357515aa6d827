package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The ledger's write-behind: values wait to be written together, a later value of a key replaces the waiting one,
 * nothing waits longer than its time, and whoever must see a key committed (a read, another write to the posting)
 * waits for the write that holds it.
 */
class WriteBehindTest {

    private final List<Map<String, String>> writes = new CopyOnWriteArrayList<>();

    @Test
    void aFullBatchIsWrittenOnceWithTheLastValueOfEachKey() {
        WriteBehind<String> behind = new WriteBehind<>(3, 60_000, writes::add, "Test values");
        behind.put("a", "1");
        behind.put("b", "1");
        behind.put("a", "2");
        assertThat(writes).as("two keys waiting of three").isEmpty();

        behind.put("c", "1");
        assertThat(writes).containsExactly(Map.of("a", "2", "b", "1", "c", "1"));
        behind.flush();
        assertThat(writes).as("nothing left to write").hasSize(1);
    }

    @Test
    void aValueWaitsNoLongerThanItsTime() {
        WriteBehind<String> behind = new WriteBehind<>(100, 50, writes::add, "Test values");
        behind.put("a", "1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !writes.isEmpty());
        assertThat(writes).containsExactly(Map.of("a", "1"));
    }

    @Test
    void whoeverNeedsAKeyBeingWrittenWaitsForThatWriteToEnd() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        WriteBehind<String> behind = new WriteBehind<>(1, 60_000, values -> {
            writing.countDown();
            try {
                commit.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            writes.add(values);
        }, "Test values");
        Thread writer = new Thread(() -> behind.put("a", "1"));
        writer.start();
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        // "a" has left the waiting values but is not committed yet: a read of it must wait
        CountDownLatch read = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            behind.flush("a");
            read.countDown();
        });
        reader.start();
        assertThat(read.await(300, TimeUnit.MILLISECONDS)).as("the read waits for the commit").isFalse();
        commit.countDown();
        assertThat(read.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(writes).containsExactly(Map.of("a", "1"));
        writer.join();
    }
}
