package dev.jobmojito.connector.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** An ATS API on loopback: answers each GET as the test says and records what was asked. */
public final class FakeAts implements AutoCloseable {

    private final MockWebServer server = new MockWebServer();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> pages = request -> notFound();

    public FakeAts() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requests.add(request);
                return pages.apply(request);
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

    public void serve(Function<RecordedRequest, MockResponse> pages) {
        this.pages = pages;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
    }

    public static MockResponse status(int code, String contentType, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", contentType).body(body).build();
    }

    public static MockResponse notFound() {
        return status(404, "application/json", "{\"error\":\"not found\"}");
    }

    @Override
    public void close() {
        server.close();
    }
}
