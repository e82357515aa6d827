package dev.jobmojito.connector.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JobMojito misbehaving in every way the network allows: 500s, 429 with Retry-After, connections reset before
 * and after the request was handled, answers slower than the timeout. Whatever happens, N postings become
 * exactly N interviews and N result lines.
 */
class FaultInjectionTest {

    private static final int POSTINGS = 30;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito)
                .with("--jobmojito.response-timeout=700ms")
                .with("--connector.retry.max-attempts=6");
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    /** The fault the first create of each posting meets; the ones after go through. */
    private MockResponse fault(JobMojitoStandIn.Received request, int kind) {
        return switch (kind) {
            case 0 -> JobMojitoStandIn.json(500, "{\"error\":\"Internal error\"}");
            case 1 -> new MockResponse.Builder().code(429).setHeader("Retry-After", "1")
                    .setHeader("Content-Type", "application/json").body("{\"error\":\"Too many requests\"}").build();
            case 2 -> new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, true, true))
                    .build();
            case 3 -> {
                jobMojito.forward(request); // handled: the interview exists...
                yield new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, true, true))
                        .build(); // ...but the connection dies before the answer
            }
            default -> {
                jobMojito.forward(request); // handled, but answered after the client stopped waiting
                yield JobMojitoStandIn.created().newBuilder().headersDelay(2, TimeUnit.SECONDS).build();
            }
        };
    }

    @Test
    void everyPostingBecomesExactlyOneInterviewAndOneResultWhateverTheFaults() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        jobMojito.answer(request -> {
            if (!request.path().equals(JobMojitoStandIn.CREATE)) {
                return null;
            }
            String code = request.body().get("code").asText();
            int attempt = attempts.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
            return attempt == 1 ? fault(request, Integer.parseInt(code) % 5) : null;
        });
        String jobs = IntStream.range(0, POSTINGS).mapToObj(i -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "language": "en",
                 "content": "&lt;p&gt;Work.&lt;/p&gt;", "departments": [{"name": "Ops"}]}""".formatted(i, i))
                .collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
        connector.drop("greenhouse", "jobs.json", jobs);

        assertThat(connector.run("--connector.concurrency=4")).isZero();

        List<String> codes = jobMojito.interviews().stream().map(i -> i.get("code").asText()).toList();
        assertThat(codes).hasSize(POSTINGS).doesNotHaveDuplicates();
        List<JsonNode> results = connector.resultLines();
        assertThat(results).hasSize(POSTINGS).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("created"));
        assertThat(results.stream().map(r -> r.get("code").asText()).collect(Collectors.toSet())).hasSize(POSTINGS);
        Set<String> interviewIds = jobMojito.interviews().stream().map(i -> i.get("id").asText())
                .collect(Collectors.toSet());
        assertThat(results).allSatisfy(r -> assertThat(interviewIds).contains(r.get("interview_def_set_id").asText()));
        // the lost answers (reset after handling, too slow) were found again rather than created twice
        assertThat(jobMojito.received()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/merchant-interview-list"));
        assertThat(connector.filesIn(".done/greenhouse")).hasSize(1);
    }

    @Test
    void aRetryAfterIsObeyedBeforeTheNextTry() {
        AtomicInteger calls = new AtomicInteger();
        List<Long> times = new java.util.concurrent.CopyOnWriteArrayList<>();
        jobMojito.answer(request -> {
            if (!request.path().equals(JobMojitoStandIn.CREATE)) {
                return null;
            }
            times.add(System.nanoTime());
            return calls.incrementAndGet() == 1 ? new MockResponse.Builder().code(503).setHeader("Retry-After", "2")
                    .setHeader("Content-Type", "application/json").body("{\"error\":\"busy\"}").build() : null;
        });
        connector.drop("greenhouse", "one.json", """
                {"jobs": [{"id": 1, "title": "Cook", "location": {"name": "Oslo"}, "language": "en",
                 "content": "x", "departments": []}]}""");

        assertThat(connector.run()).isZero();

        assertThat(times).hasSize(2);
        // the back-off alone would have waited 20ms: the second try waited what JobMojito asked
        assertThat(TimeUnit.NANOSECONDS.toMillis(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(1900);
    }

    @Test
    void callsStayWithinTheRateLimitAcrossTheRun() {
        List<Long> starts = new java.util.concurrent.CopyOnWriteArrayList<>();
        jobMojito.answer(request -> {
            if (request.path().equals(JobMojitoStandIn.CREATE)) {
                starts.add(System.nanoTime());
            }
            return null;
        });
        String jobs = IntStream.range(0, 8).mapToObj(i -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "content": "x"}""".formatted(i, i))
                .collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
        connector.drop("greenhouse", "jobs.json", jobs);

        assertThat(connector.run("--connector.rate-limit=4", "--connector.concurrency=8")).isZero();

        assertThat(starts).hasSize(8);
        List<Long> sorted = starts.stream().sorted().toList();
        // four calls a second: the fifth waits for the next second
        assertThat(TimeUnit.NANOSECONDS.toMillis(sorted.get(4) - sorted.get(0))).isGreaterThanOrEqualTo(900);
    }

    @Test
    void noMoreCallsAreInFlightThanTheConcurrencyAllows() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch overCap = new CountDownLatch(1);
        jobMojito.answer(request -> {
            if (!request.path().equals(JobMojitoStandIn.CREATE)) {
                return null;
            }
            if (highest.accumulateAndGet(inFlight.incrementAndGet(), Math::max) > 2) {
                overCap.countDown();
            }
            try {
                // each call is held until a call beyond the cap arrives (which must not happen), at most 150 ms:
                // calls overlap as far as the connector lets them
                overCap.await(150, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return null;
        });
        String jobs = IntStream.range(0, 12).mapToObj(i -> """
                {"id": %d, "title": "Role %d", "location": {"name": "Oslo"}, "content": "x"}""".formatted(i, i))
                .collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
        connector.drop("greenhouse", "jobs.json", jobs);

        assertThat(connector.run("--connector.concurrency=2")).isZero();

        assertThat(jobMojito.interviews()).hasSize(12);
        assertThat(highest.get()).isEqualTo(2);
    }
}
