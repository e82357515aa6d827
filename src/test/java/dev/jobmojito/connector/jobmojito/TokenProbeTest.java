package dev.jobmojito.connector.jobmojito;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The first call with a token goes alone; the others wait for its answer; a new token is proven anew. */
class TokenProbeTest {

    private final TokenProbe probe = new TokenProbe();
    private final ExecutorService workers = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    private List<CompletableFuture<TokenProbe.Turn>> threeMoreCalls(String token) {
        return IntStream.range(0, 3).mapToObj(i -> CompletableFuture.supplyAsync(() -> probe.enter(token), workers))
                .toList();
    }

    @Test
    void callsBehindTheFirstWaitAndAreNotSentWhenItIsRefused() {
        assertThat(probe.enter("old")).isEqualTo(TokenProbe.Turn.PROVE);
        List<CompletableFuture<TokenProbe.Turn>> waiting = threeMoreCalls("old");
        Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> waiting.stream().noneMatch(CompletableFuture::isDone));

        probe.answered("old", false);

        assertThat(waiting).allSatisfy(call -> assertThat(call.join()).isEqualTo(TokenProbe.Turn.REFUSED));
        // a rotated token is proven again, by one call
        assertThat(probe.enter("new")).isEqualTo(TokenProbe.Turn.PROVE);
        List<CompletableFuture<TokenProbe.Turn>> behindNew = threeMoreCalls("new");
        probe.answered("new", true);
        assertThat(behindNew).allSatisfy(call -> assertThat(call.join()).isEqualTo(TokenProbe.Turn.SEND));
    }

    @Test
    void anAnswerThatSaysNothingAboutTheTokenLetsTheNextCallProveIt() {
        assertThat(probe.enter("t")).isEqualTo(TokenProbe.Turn.PROVE);
        List<CompletableFuture<TokenProbe.Turn>> waiting = threeMoreCalls("t");

        probe.answered("t", null);

        Awaitility.await().atMost(Duration.ofSeconds(2))
                .until(() -> waiting.stream().filter(CompletableFuture::isDone).count() == 1);
        assertThat(waiting.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join))
                .containsExactly(TokenProbe.Turn.PROVE);
        probe.answered("t", true);
        assertThat(waiting).allSatisfy(call -> assertThat(call.join()).isIn(TokenProbe.Turn.PROVE,
                TokenProbe.Turn.SEND));
    }
}
