package dev.jobmojito.connector.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A real HTTP server on loopback standing in for JobMojito: it records every request and answers with what
 * the test says (by default, a new interview id for each create).
 */
public final class JobMojitoStandIn implements AutoCloseable {

    /** A request as JobMojito would have received it. */
    public record Received(String method, String path, String authorization, String contentType, JsonNode body) {
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, MockResponse> answer = request -> created();

    public JobMojitoStandIn() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                Received copy = new Received(request.getMethod(), request.getUrl().encodedPath(),
                        request.getHeaders().get("Authorization"), request.getHeaders().get("Content-Type"),
                        parse(request.getBody() == null ? "" : request.getBody().utf8()));
                received.add(copy);
                return answer.apply(copy);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public void answer(Function<Received, MockResponse> answer) {
        this.answer = answer;
    }

    public List<Received> received() {
        return List.copyOf(received);
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
    }
}
