package dev.jobmojito.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.sandbox.JobMojitoSandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A real HTTP server on loopback standing in for JobMojito. It records every request; the test decides the
 * answer, and whatever the test leaves undecided (null) is answered by an embedded sandbox behind it, so
 * creates, lists, gets and updates behave like the documented API and interviews really exist.
 */
public final class JobMojitoStandIn implements AutoCloseable {

    public static final String CREATE = "/job-interview-create-from-array";

    /** A request as JobMojito would have received it. */
    public record Received(String method, String path, String query, String authorization, String contentType,
                           JsonNode body) {
    }

    private final MockWebServer server = new MockWebServer();
    private final JobMojitoSandbox sandbox = JobMojitoSandbox.start(Secrets.TOKEN);
    private final HttpClient forward = HttpClient.newHttpClient();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, MockResponse> answer = request -> null;

    public JobMojitoStandIn() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                Received copy = new Received(request.getMethod(), request.getUrl().encodedPath(),
                        request.getUrl().encodedQuery(), request.getHeaders().get("Authorization"),
                        request.getHeaders().get("Content-Type"), parse(body));
                received.add(copy);
                MockResponse decided = answer.apply(copy);
                return decided != null ? decided : toSandbox(request, body);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse toSandbox(RecordedRequest request, String body) {
        return send(request.getMethod(), request.getTarget(), request.getHeaders().get("Authorization"), body);
    }

    /**
     * Lets the sandbox handle a request for real and returns its answer, which the test may pass on, delay,
     * or lose.
     */
    public MockResponse forward(Received request) {
        String target = request.path() + (request.query() == null ? "" : "?" + request.query());
        return send(request.method(), target, request.authorization(),
                request.body() == null ? "" : Json.write(request.body()));
    }

    private MockResponse send(String method, String target, String authorization, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + target));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        builder.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = forward.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return json(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** Decides answers: return a response to give it, or null to let the sandbox answer. */
    public void answer(Function<Received, MockResponse> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The create calls received. */
    public List<Received> creates() {
        return received.stream().filter(r -> r.path().equals(CREATE)).toList();
    }

    /** The sandbox behind the stand-in (its registrations, its listeners). */
    public JobMojitoSandbox sandbox() {
        return sandbox;
    }

    /** The interviews that exist, as the sandbox behind the stand-in holds them. */
    public List<ObjectNode> interviews() {
        return sandbox.interviews();
    }

    public static MockResponse created() {
        return json(200, "{\"interview_def_set_id\":\"" + UUID.randomUUID() + "\"}");
    }

    public static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body)
                .build();
    }

    private static JsonNode parse(String body) {
        try {
            return body.isEmpty() ? null : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.NODES.textNode(body);
        }
    }

    @Override
    public void close() {
        server.close();
        sandbox.close();
    }
}
