package dev.jobmojito.connector.bench;

import dev.jobmojito.connector.ConnectorApplication;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.ResultWebhooks;
import dev.jobmojito.connector.interviewresults.StandInAts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
            // a warm-up of 100 results not counted
            burst(uri, bodies("warm", 100, 0));
            awaitNotes(ats, ACK_ONLY ? 0 : 100);
            List<String> bodies = bodies("burst", DELIVERIES - DUPLICATES, DUPLICATES);
            long started = System.nanoTime();
            int[] answers = burst(uri, bodies);
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
     * Sends every body from {@link #SENDERS} threads, each waiting for its answer before it sends again; counts
     * answers: stored, duplicate, other. The senders are a lean HTTP/1.1 client on plain sockets (requests written
     * as bytes, a connection kept alive until the server closes it): on this 2-core machine the load generator
     * shares the CPU with the connector, and the JDK's HttpClient took more of it than the connector's side did
     * (a profile of the burst: 152 samples in its senders, 118 in Tomcat's threads), so what was measured was
     * largely the client. JobMojito sends from its own servers.
     */
    private static int[] burst(URI uri, List<String> bodies) throws Exception {
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger duplicate = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                sent.add(senders.submit(() -> {
                    LeanClient client = new LeanClient(uri);
                    try {
                        for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                            String answer;
                            try {
                                answer = client.post(bodies.get(i));
                            } catch (IOException failure) {
                                other.incrementAndGet();
                                client.close();
                                continue;
                            }
                            if (answer.startsWith("200 ") && answer.contains("stored")) {
                                stored.incrementAndGet();
                            } else if (answer.startsWith("200 ") && answer.contains("duplicate")) {
                                duplicate.incrementAndGet();
                            } else {
                                other.incrementAndGet();
                            }
                        }
                    } finally {
                        client.close();
                    }
                    return null;
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

    /** One keep-alive connection to the webhook endpoint: POSTs a body, reads the answer (Content-Length framed). */
    private static final class LeanClient {

        private final URI uri;
        private java.net.Socket socket;
        private java.io.BufferedInputStream in;
        private java.io.OutputStream out;

        LeanClient(URI uri) {
            this.uri = uri;
        }

        /** The answer as "status body". */
        String post(String body) throws IOException {
            if (socket == null) {
                socket = new java.net.Socket(uri.getHost(), uri.getPort());
                socket.setTcpNoDelay(true);
                in = new java.io.BufferedInputStream(socket.getInputStream());
                out = new java.io.BufferedOutputStream(socket.getOutputStream());
            }
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nContent-Type: application/json\r\n" + ResultWebhooks.HEADER + ": " + ResultWebhooks.SECRET
                    + "\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String status = line();
            if (status == null) {
                throw new IOException("connection closed");
            }
            int length = 0;
            boolean close = false;
            boolean chunked = false;
            for (String header = line(); header != null && !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(header.substring(15).strip());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            byte[] answer;
            if (chunked) {
                java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
                for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                    chunks.write(in.readNBytes(size));
                    line();
                }
                line();
                answer = chunks.toByteArray();
            } else {
                answer = in.readNBytes(length);
            }
            if (close) {
                close();
            }
            String[] parts = status.split(" ", 3);
            if (parts.length < 2) {
                throw new IOException("not an HTTP status line: " + status);
            }
            return parts[1] + " " + new String(answer, StandardCharsets.UTF_8);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1; c = in.read()) {
                if (c == '\n') {
                    return line.toString().strip();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
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
