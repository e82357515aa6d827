package dev.jobmojito.connector.bench;

import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.ResultWebhooks;
import dev.jobmojito.connector.interviewresults.StandInAts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hiring-day burst of interview results (issue 14, "Performance"): 1,000 result webhooks, 10 % of them
 * re-deliveries of results already sent, POSTed over loopback by 16 senders at once to one connector (service
 * mode, H2 ledger, the write-back side stood in by {@link StandInAts}, which writes at once). Measures the
 * deliveries acknowledged per second (each stored before its 200), and how long the writes take to drain behind.
 * {@code mvn -B -o -Pbench -DskipTests -Dbench.parts=webhooks package}
 */
public final class ResultWebhooksBench {

    static final int DELIVERIES = 1000;
    static final int DUPLICATES = 100;
    static final int SENDERS = 16;
    static final boolean ACK_ONLY = Boolean.getBoolean("bench.webhooks.ack-only");

    private ResultWebhooksBench() {
    }

    public static String run(Path work) throws Exception {
        Files.createDirectories(work.resolve("inbox"));
        Files.createDirectories(work.resolve("routes"));
        Path ats = work.resolve("ats");
        Files.createDirectories(ats);
        Files.deleteIfExists(ats.resolve("notes.jsonl"));
        Files.writeString(work.resolve("routes/ats-writeback.camel.yaml"), StandInAts.routeFile(ats));
        SpringApplication application = new SpringApplication(ConnectorApplication.class);
        try (ConfigurableApplicationContext context = application.run(
                "--connector.inbox=" + work.resolve("inbox"), "--connector.results=" + work.resolve("results"),
                "--connector.state=" + work.resolve("state-" + System.nanoTime()),
                "--connector.routes=" + work.resolve("routes"), "--server.port=0",
                "--camel.main.run-controller=false", "--logging.level.dev.jobmojito.connector=WARN",
                "--connector.interview-results.webhook-secret=" + ResultWebhooks.SECRET,
                "--connector.interview-results.writeback-endpoint=direct:ats-writeback-stand-in",
                // -Dbench.webhooks.ack-only=true: nothing processed while the burst comes in (acknowledging alone)
                "--connector.interview-results.process-interval=" + (ACK_ONLY ? "1h" : "100ms"),
                "--connector.interview-results.reconcile-interval=0")) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            URI uri = URI.create("http://127.0.0.1:" + port + "/webhooks/jobmojito");
            HttpClient http = HttpClient.newHttpClient();
            // a warm-up of 100 results not counted
            burst(http, uri, bodies("warm", 100, 0));
            awaitNotes(ats, ACK_ONLY ? 0 : 100);
            List<String> bodies = bodies("burst", DELIVERIES - DUPLICATES, DUPLICATES);
            long started = System.nanoTime();
            int[] answers = burst(http, uri, bodies);
            double ackSeconds = (System.nanoTime() - started) / 1e9;
            awaitNotes(ats, ACK_ONLY ? 0 : 100 + DELIVERIES - DUPLICATES);
            double drainSeconds = (System.nanoTime() - started) / 1e9;
            int notes = ACK_ONLY ? 0 : StandInAts.notes(ats).size() - 100;
            return String.format("""
                    ## Interview results: a burst of %d result webhooks (%d re-deliveries), %d senders at once

                    | Acknowledged | 200 stored | 200 duplicate | other | Acknowledged per s | All written after | Notes written |
                    |---|---|---|---|---|---|---|
                    | %d in %.2f s | %d | %d | %d | **%.0f** | %.2f s | %d (one per result) |

                    """, DELIVERIES, DUPLICATES, SENDERS, DELIVERIES, ackSeconds, answers[0], answers[1], answers[2],
                    DELIVERIES / ackSeconds, drainSeconds, notes);
        }
    }

    /** Unique results, then re-deliveries of some of them, shuffled: the request bodies. */
    private static List<String> bodies(String prefix, int unique, int duplicates) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < unique; i++) {
            bodies.add(Json.write(ResultWebhooks.result(prefix + "-" + i, "i-bench", "lever:app-" + i, 60 + i % 40)));
        }
        Random random = new Random(14);
        for (int i = 0; i < duplicates; i++) {
            bodies.add(bodies.get(random.nextInt(unique)));
        }
        Collections.shuffle(bodies, random);
        return bodies;
    }

    /**
     * Sends every body from {@link #SENDERS} threads, each waiting for its answer before it sends again (JobMojito
     * sends webhooks one per connection and waits); counts answers: stored, duplicate, other. Blocking sends on
     * a fixed pool: the JDK client's asynchronous sends started a thread per answer on this 2-core machine (its
     * completions run on the common pool, which has one thread here, so CompletableFuture falls back to a thread
     * per task), and that client cost was counted as the connector's.
     */
    private static int[] burst(HttpClient http, URI uri, List<String> bodies) throws Exception {
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger duplicate = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(senders.submit(() -> {
                    HttpResponse<String> answer;
                    try {
                        answer = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                                .header(ResultWebhooks.HEADER, ResultWebhooks.SECRET)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                    } catch (Exception failure) {
                        other.incrementAndGet();
                        return;
                    }
                    if (answer.statusCode() == 200 && answer.body().contains("stored")) {
                        stored.incrementAndGet();
                    } else if (answer.statusCode() == 200 && answer.body().contains("duplicate")) {
                        duplicate.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }));
            }
            for (Future<?> one : sent) {
                one.get();
            }
        } finally {
            senders.shutdown();
        }
        return new int[] {stored.get(), duplicate.get(), other.get()};
    }

    private static void awaitNotes(Path ats, int count) {
        Awaitility.await(count + " notes written").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> StandInAts.notes(ats).size() >= count);
    }

    /** Runs this part alone. */
    public static void main(String[] args) throws Exception {
        System.out.println(run(Path.of("target/bench/webhooks")));
    }
}
