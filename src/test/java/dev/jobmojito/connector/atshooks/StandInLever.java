package dev.jobmojito.connector.atshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lever's API on loopback (JDK HTTP server): {@code GET /v1/opportunities/{id}} answers the opportunity put in,
 * {@code POST /v1/opportunities/{id}/notes} keeps the note, {@code GET .../notes} lists them. Records the
 * Authorization of every request. {@code GET /v1/opportunities} lists what is put in {@link #listed} (one page).
 */
final class StandInLever implements AutoCloseable {

    /** A note as Lever received it. */
    record Note(String opportunity, String value) {
    }

    private final HttpServer server;
    final Map<String, ObjectNode> opportunities = new ConcurrentHashMap<>();
    final List<Note> notes = new CopyOnWriteArrayList<>();
    final List<String> fetched = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** What {@code GET /v1/opportunities} lists (by updatedAt, from {@code updated_at_start} when asked). */
    final Map<String, ObjectNode> listed = new ConcurrentHashMap<>();
    /** The list calls, their query strings. */
    final List<String> listCalls = new CopyOnWriteArrayList<>();
    /** Opportunities whose fetch Lever answers 500. */
    final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

    StandInLever() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/opportunities/", this::handle);
        server.createContext("/v1/opportunities", this::list);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String[] parts = exchange.getRequestURI().getPath().split("/");
        // "", v1, opportunities, {id}[, notes]
        String id = parts.length > 3 ? parts[3] : "";
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (parts.length == 4 && exchange.getRequestMethod().equals("GET")) {
            fetched.add(id);
            ObjectNode opportunity = opportunities.get(id);
            if (failing.contains(id)) {
                send(exchange, 500, "{\"code\":\"InternalError\"}");
            } else if (opportunity == null) {
                send(exchange, 404, "{\"code\":\"ResourceNotFound\"}");
            } else {
                ObjectNode answer = Json.object();
                answer.set("data", opportunity);
                send(exchange, 200, Json.write(answer));
            }
        } else if (parts.length == 5 && exchange.getRequestMethod().equals("POST")) {
            JsonNode note = Json.MAPPER.readTree(body);
            notes.add(new Note(id, note.path("value").asText()));
            send(exchange, 201, "{\"data\":{\"noteId\":\"note-" + notes.size() + "\"}}");
        } else if (parts.length == 5) {
            ObjectNode page = Json.object();
            var data = page.putArray("data");
            notes.stream().filter(n -> n.opportunity().equals(id)).forEach(n -> data.addObject()
                    .put("value", n.value()));
            page.put("hasNext", false);
            send(exchange, 200, Json.write(page));
        } else {
            send(exchange, 404, "{}");
        }
    }

    /** {@code GET /v1/opportunities}: one page of what is listed, updated at or after updated_at_start. */
    private void list(HttpExchange exchange) throws IOException {
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        listCalls.add(query);
        long start = 0;
        for (String pair : query.split("&")) {
            if (pair.startsWith("updated_at_start=")) {
                start = Long.parseLong(pair.substring("updated_at_start=".length()));
            }
        }
        ObjectNode page = Json.object();
        var data = page.putArray("data");
        long from = start;
        listed.values().stream().filter(o -> o.path("updatedAt").asLong() >= from).forEach(data::add);
        page.put("hasNext", false);
        send(exchange, 200, Json.write(page));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
