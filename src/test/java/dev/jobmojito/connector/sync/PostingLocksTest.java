package dev.jobmojito.connector.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostingLocksTest {

    private final PostingLocks locks = new PostingLocks();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void anotherPostingNeverWaitsForAPostingBeingSynced() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> locks.withLock("greenhouse:1", () -> {
            holding.countDown();
            await(release);
            return "slow";
        }), threads);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        // with striped locks a key in the same stripe would block here until release
        for (int code = 2; code < 2_000; code++) {
            assertThat(locks.withLock("greenhouse:" + code, () -> "done")).isEqualTo("done");
        }

        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("slow");
        assertThat(locks.size()).as("no lock kept once nobody holds or awaits it").isZero();
    }

    @Test
    void theSamePostingIsSyncedByOneThreadAtATime() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> locks.withLock("lever:a", () -> {
            holding.countDown();
            await(release);
            firstDone.set(true);
            return null;
        }), threads);
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> locks.withLock("lever:a", firstDone::get), threads);

        assertThat(second).isNotDone();
        release.countDown();

        assertThat(second.get(5, TimeUnit.SECONDS)).as("the second ran only after the first had finished").isTrue();
        first.get(5, TimeUnit.SECONDS);
        assertThat(locks.size()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
