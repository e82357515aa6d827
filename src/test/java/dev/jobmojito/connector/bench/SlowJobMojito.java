package dev.jobmojito.connector.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A JobMojito stand-in for throughput measurements, on loopback: every create is answered with a new id after a
 * fixed latency, and nothing is kept, so it never becomes the bottleneck or the memory hog.
 */
final class SlowJobMojito implements AutoCloseable {

    static {
        // Without it the JDK server's Nagle delay (~40 ms per answer) would be measured instead of the connector.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(128);
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong last = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();

    SlowJobMojito(long latencyMillis) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                long now = System.nanoTime();
                first.compareAndSet(0, now);
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                if (latencyMillis > 0) {
                    Thread.sleep(latencyMillis);
                }
                byte[] body = ("{\"interview_def_set_id\":\"" + UUID.randomUUID() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                creates.incrementAndGet();
                inFlight.decrementAndGet();
                last.set(System.nanoTime());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    int creates() {
        return creates.get();
    }

    /** The most requests it was answering at the same time: whether the connector really had them in flight. */
    int mostInFlight() {
        return mostInFlight.get();
    }

    /** Starts counting afresh: what came before (a warm-up) is not measured. */
    void restart() {
        creates.set(0);
        first.set(0);
        last.set(0);
        mostInFlight.set(0);
    }

    /** Creates per second between the first request received and the last answer sent. */
    double rate() {
        double seconds = (last.get() - first.get()) / 1e9;
        return seconds <= 0 ? 0 : creates.get() / seconds;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
