package dev.jobmojito.connector.writeback;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An ATS API (and its OAuth token endpoint) on loopback, made with the JDK's HTTP server: records every request
 * and answers from a script of answers per path prefix, else with the default answer the test sets.
 */
final class StandInAts implements AutoCloseable {

    /** One request as the ATS saw it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** One answer: a status, a body, headers; or {@link #LOST}: the request is taken, the connection closed. */
    record Answer(int status, String body, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Map.of());
        }
    }

    static final Answer LOST = new Answer(-1, "", Map.of());

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Function<Request, Answer> otherwise = request -> Answer.of(404, "{\"error\":\"not found\"}");

    StandInAts() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests whose "METHOD path" starts with the key with these answers, in order. */
    void script(String methodAndPath, Answer... answers) {
        scripts.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(answers));
    }

    void otherwise(Function<Request, Answer> answer) {
        this.otherwise = answer;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Answer answer = null;
        String key = request.method() + " " + request.path();
        synchronized (scripts) {
            for (var entry : scripts.entrySet()) {
                if (key.startsWith(entry.getKey()) && !entry.getValue().isEmpty()) {
                    answer = entry.getValue().poll();
                    break;
                }
            }
        }
        if (answer == null) {
            answer = otherwise.apply(request);
        }
        if (answer.status() < 0) {
            // the request was taken; the answer never leaves: the JDK server drops the connection
            throw new IOException("stand-in ATS: answer lost on purpose");
        }
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
