package dev.jobmojito.connector.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.RequestValidator;
import dev.jobmojito.connector.jobmojito.ValidationRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An in-process stand-in for the JobMojito API on loopback, so the connector runs end to end with no account.
 * It answers the endpoints the connector uses the way the published API documents them: bearer token check,
 * the current schema's validation with 422 {@code {"error","name"}}, new ids, and the get, list, update and
 * set-state endpoints. Nothing it receives leaves this machine.
 */
public final class JobMojitoSandbox implements AutoCloseable {

    /** The avatar the sandbox offers; used as {@code interview_template_id} when none is configured. */
    public static final String TEMPLATE_ID = "5a4db0c8-5a4d-4b0c-8000-000000000001";

    private static final RequestValidator API_RULES = new RequestValidator(ValidationRules.API);

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise before its first use; against the
        // client's delayed ACK that costs about 40 ms per answer, which made the sandbox the slowest part.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final byte[] expectedAuthorization;
    private final Map<String, ObjectNode> interviews = new LinkedHashMap<>();
    private final Path journal;
    private java.io.Writer journalWriter;

    private JobMojitoSandbox(String token, Path journal) throws IOException {
        this.journal = journal;
        if (journal != null) {
            load();
        }
        this.expectedAuthorization = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "jobmojito-sandbox");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a sandbox on a free loopback port that accepts only {@code token}; it forgets all when it stops. */
    public static JobMojitoSandbox start(String token) {
        return start(token, null);
    }

    /**
     * Starts a sandbox that keeps its interviews in {@code journal} (one JSON line per change, the newest line
     * of an interview wins), so a second run finds the interviews of the first, as the real JobMojito would.
     *
     * @param journal the journal file, created when missing; null to keep nothing
     * @throws IllegalStateException when the server cannot start or the journal cannot be read or written
     */
    public static JobMojitoSandbox start(String token, Path journal) {
        try {
            JobMojitoSandbox sandbox = new JobMojitoSandbox(token, journal);
            sandbox.server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JobMojito sandbox on loopback: " + e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The interviews created so far, oldest first (for tests and the demo). */
    public synchronized List<ObjectNode> interviews() {
        return interviews.values().stream().map(ObjectNode::deepCopy).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        completer.shutdownNow();
        synchronized (this) {
            if (journalWriter != null) {
                try {
                    journalWriter.close();
                } catch (IOException ignored) {
                    // every line was flushed when it was written
                }
                journalWriter = null;
            }
        }
    }

    private void load() throws IOException {
        if (!Files.exists(journal)) {
            return;
        }
        for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                ObjectNode interview = (ObjectNode) Json.MAPPER.readTree(line);
                interviews.put(interview.path("id").asText(), interview);
            } catch (IOException | ClassCastException e) {
                // a line cut by a crash: the interviews before it are kept
            }
        }
    }

    /** Writes the interview's current state to the journal (called holding the lock). */
    private void remember(ObjectNode interview) {
        if (journal == null) {
            return;
        }
        try {
            if (journalWriter == null) {
                Files.createDirectories(journal.getParent());
                journalWriter = Files.newBufferedWriter(journal, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            journalWriter.write(Json.write(interview));
            journalWriter.write('\n');
            journalWriter.flush();
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox cannot write " + journal + ": " + e.getMessage(), e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!authorized(exchange)) {
                send(exchange, 401, error("Missing, malformed or expired access token", null));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            switch (method + " " + path) {
                case "POST /job-interview-create-from-array" -> create(exchange);
                case "GET /job-interview-get" -> get(exchange, query.get("position_id"));
                case "GET /merchant-interview-list" -> list(exchange, query);
                case "POST /job-interview-update" -> update(exchange);
                case "POST /job-interview-set-state" -> setState(exchange);
                case "GET /merchant-result-list" -> resultList(exchange, query);
                case "POST /job-interview-register-users" -> registerUsers(exchange);
                default -> send(exchange, 404, error("No such endpoint: " + method + " " + path, null));
            }
        } catch (RuntimeException e) {
            send(exchange, 500, error("Sandbox error: " + e.getMessage(), null));
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                expectedAuthorization);
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        if (body == null) {
            return;
        }
        List<Problem> problems = API_RULES.validate(body);
        if (!problems.isEmpty()) {
            send(exchange, 422, invalid(problems.get(0)));
            return;
        }
        String id = UUID.randomUUID().toString();
        ObjectNode stored = ((ObjectNode) body).deepCopy();
        String now = Instant.now().toString();
        stored.put("id", id);
        stored.put("created_at", now);
        stored.put("updated_at", now);
        synchronized (this) {
            interviews.put(id, stored);
            remember(stored);
        }
        ObjectNode response = Json.object();
        response.put("interview_def_set_id", id);
        send(exchange, 200, response);
    }

    private void get(HttpExchange exchange, String positionId) throws IOException {
        ObjectNode stored;
        synchronized (this) {
            stored = positionId == null ? null : interviews.get(positionId);
        }
        if (stored == null) {
            send(exchange, 404, error("Interview not found", "position_id"));
            return;
        }
        ObjectNode view = stored.deepCopy();
        view.set("interview_location", view.remove("location"));
        send(exchange, 200, view);
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        String filter = query.getOrDefault("filter_text", "").toLowerCase(Locale.ROOT);
        int limit = Math.min(1000, Math.max(1, parseInt(query.get("limit"), 50)));
        int offset = Math.max(0, parseInt(query.get("offset"), 0));
        List<ObjectNode> matches = new ArrayList<>();
        synchronized (this) {
            for (ObjectNode interview : interviews.values()) {
                if (interview.path("name").asText().toLowerCase(Locale.ROOT).contains(filter)
                        && !"deleted".equals(interview.path("status").asText())) {
                    matches.add(interview);
                }
            }
        }
        ArrayNode data = Json.NODES.arrayNode();
        for (ObjectNode interview : matches.subList(Math.min(offset, matches.size()),
                Math.min(offset + limit, matches.size()))) {
            ObjectNode item = Json.object();
            for (String field : List.of("id", "name", "type", "status", "visibility", "mojito_language_code",
                    "created_at", "updated_at")) {
                item.set(field, interview.get(field));
            }
            data.add(item);
        }
        ObjectNode response = Json.object();
        response.set("data", data);
        ObjectNode pagination = response.putObject("pagination");
        pagination.put("total", matches.size());
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("has_more", offset + limit < matches.size());
        send(exchange, 200, response);
    }

    private void update(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        if (body == null) {
            return;
        }
        String positionId = body.path("position_id").asText(null);
        if (positionId == null || positionId.isBlank()) {
            send(exchange, 422, error("Field is required.", "position_id"));
            return;
        }
        synchronized (this) {
            ObjectNode stored = interviews.get(positionId);
            if (stored == null) {
                send(exchange, 500, error("Interview not found or not accessible", "position_id"));
                return;
            }
            if (body.has("mojito_language_code") && !body.get("mojito_language_code").equals(
                    stored.get("mojito_language_code"))) {
                send(exchange, 422, error("mojito_language_code cannot be changed; create a new interview",
                        "mojito_language_code"));
                return;
            }
            if (body.has("questions") && (!body.get("questions").isArray() || body.get("questions").isEmpty())) {
                send(exchange, 422, error("questions must hold at least one question", "questions"));
                return;
            }
            ArrayNode updatedFields = Json.NODES.arrayNode();
            ObjectNode diff = null;
            var names = body.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (name.equals("position_id")) {
                    continue;
                }
                if (name.equals("questions")) {
                    diff = questionsDiff(stored.path("questions"), body.get("questions"));
                }
                if (!body.get(name).equals(stored.get(name))) {
                    updatedFields.add(name);
                }
                stored.set(name, body.get(name).deepCopy());
            }
            stored.put("updated_at", Instant.now().toString());
            remember(stored);
            ObjectNode response = Json.object();
            response.put("position_id", positionId);
            response.put("is_multistage", false);
            response.set("updated_fields", updatedFields);
            if (diff != null) {
                response.set("questions_diff", diff);
            }
            send(exchange, 200, response);
        }
    }

    /** The documented diff: questions matched by external_id first, then id, then identical text. */
    private static ObjectNode questionsDiff(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = new HashMap<>();
        before.forEach(q -> old.put(key(q), q));
        ArrayNode kept = Json.NODES.arrayNode();
        ArrayNode added = Json.NODES.arrayNode();
        ArrayNode replaced = Json.NODES.arrayNode();
        for (JsonNode question : after) {
            JsonNode previous = old.remove(key(question));
            if (previous == null) {
                added.add(key(question));
            } else if (previous.equals(question)) {
                kept.add(key(question));
            } else {
                ObjectNode change = Json.object();
                change.put("from", key(previous));
                change.put("to", key(question));
                replaced.add(change);
            }
        }
        ArrayNode removed = Json.NODES.arrayNode();
        old.keySet().forEach(removed::add);
        ObjectNode diff = Json.object();
        diff.set("kept", kept);
        diff.set("added", added);
        diff.set("removed", removed);
        diff.set("replaced", replaced);
        return diff;
    }

    private static String key(JsonNode question) {
        for (String field : List.of("external_id", "id", "question")) {
            if (question.hasNonNull(field)) {
                return question.get(field).asText();
            }
        }
        return question.toString();
    }

    private void setState(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        if (body == null) {
            return;
        }
        String positionId = body.path("position_id").asText(null);
        String status = body.path("status").asText(null);
        if (positionId == null) {
            send(exchange, 422, error("Field is required.", "position_id"));
            return;
        }
        if (status == null && !body.has("is_embedded")) {
            send(exchange, 422, error("Provide status or is_embedded", "status"));
            return;
        }
        if (status != null && !List.of("draft", "active", "archived", "deleted", "preparing", "completed")
                .contains(status)) {
            send(exchange, 422, error("Invalid value.", "status"));
            return;
        }
        synchronized (this) {
            ObjectNode stored = interviews.get(positionId);
            if (stored == null) {
                send(exchange, 500, error("Interview not found or not accessible", "position_id"));
                return;
            }
            if (status != null) {
                stored.put("status", status);
            }
            stored.put("updated_at", Instant.now().toString());
            remember(stored);
        }
        ObjectNode response = Json.object();
        response.put("success", true);
        send(exchange, 200, response);
    }

    // ---- register-users (issue 15) ------------------------------------------------------------------------

    private final List<java.util.function.BiConsumer<String, ObjectNode>> registeredListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<ObjectNode> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Calls {@code listener} with (interview id, the registered user: name, email, external_id and the
     * interview_url minted for it) after each user the sandbox registers, on the sandbox's own thread, before the
     * answer is sent.
     */
    public void onRegistered(java.util.function.BiConsumer<String, ObjectNode> listener) {
        registeredListeners.add(listener);
    }

    /** Every user registered so far, oldest first: the user plus {@code interview_id} and {@code interview_url}. */
    public List<ObjectNode> registrations() {
        return registrations.stream().map(ObjectNode::deepCopy).toList();
    }

    /**
     * {@code POST /job-interview-register-users} as the spec documents it (api doc §4): {@code interview_id} and
     * {@code users[{name, email, external_id}]} required (422 otherwise), an unknown interview 500 as unresolved
     * ids are; a 200 array with a row per user: {@code result} "ok" and a one-time {@code interview_url}, or
     * {@code "Error: ..."} for a user without an email.
     */
    private void registerUsers(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        if (body == null) {
            return;
        }
        String interviewId = body.path("interview_id").asText("");
        JsonNode users = body.path("users");
        if (interviewId.isBlank()) {
            send(exchange, 422, error("Field is required.", "interview_id"));
            return;
        }
        if (!users.isArray() || users.isEmpty()) {
            send(exchange, 422, error("Field is required.", "users"));
            return;
        }
        synchronized (this) {
            if (!interviews.containsKey(interviewId)) {
                send(exchange, 500, error("Interview not found or not accessible", "interview_id"));
                return;
            }
        }
        ArrayNode rows = Json.NODES.arrayNode();
        for (JsonNode user : users) {
            ObjectNode row = Json.object();
            String email = user.path("email").asText("");
            if (!email.contains("@")) {
                row.put("result", "Error: a valid email is required");
                row.putNull("interview_url");
                rows.add(row);
                continue;
            }
            byte[] token = new byte[18];
            new java.security.SecureRandom().nextBytes(token);
            String link = baseUrl() + "/interview/" + java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(token);
            row.put("result", "ok");
            row.put("interview_url", link);
            rows.add(row);
            ObjectNode registered = ((ObjectNode) user).deepCopy();
            registered.put("interview_id", interviewId);
            registered.put("interview_url", link);
            registered.put("send_email", body.path("send_email").asBoolean(false));
            registered.put("is_test", body.path("is_test").asBoolean(false));
            registrations.add(registered);
            for (var listener : registeredListeners) {
                listener.accept(interviewId, registered.deepCopy());
            }
        }
        send(exchange, 200, rows);
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            JsonNode body = Json.MAPPER.readTree(in);
            if (body == null || !body.isObject()) {
                send(exchange, 422, error("The body must be a JSON object", null));
                return null;
            }
            return body;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            send(exchange, 422, error("The body is not valid JSON", null));
            return null;
        }
    }

    private static ObjectNode invalid(Problem problem) {
        String field = problem.path();
        String message = problem.message().equals("is required") ? "Field is required."
                : "Invalid value: " + problem.message() + ".";
        return error(message, field);
    }

    private static ObjectNode error(String message, String name) {
        ObjectNode error = Json.object();
        error.put("error", message);
        if (name != null) {
            error.put("name", name);
        }
        return error;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static int parseInt(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    // ---- Interview results (issue 14, receiving): the sandbox completes interviews and calls the connector's
    // webhook with the documented flat payload and custom header (../shared/jobmojito-api.md §5), and lists the
    // results it made at GET /merchant-result-list (§4 "Results").

    /** The results made by {@link #completeLater}, oldest first. */
    private final List<ObjectNode> results = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService completer =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "jobmojito-sandbox-results");
                thread.setDaemon(true);
                return thread;
            });
    private volatile ResultWebhookTarget resultWebhook;

    /** Where {@link #completeLater} sends results: URL, custom header and its secret, and the delay. */
    private record ResultWebhookTarget(String url, String header, String secret, java.time.Duration delay) {
    }

    /**
     * Sets the webhook the sandbox calls for every result it makes, as a merchant configures one in the JobMojito
     * admin (URL, and a custom header sent on every delivery).
     *
     * @param url    the connector's receiving endpoint, e.g. {@code http://127.0.0.1:8080/webhooks/jobmojito}
     * @param header the custom header's name (CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_HEADER)
     * @param secret its value (CONNECTOR_INTERVIEW_RESULTS_WEBHOOK_SECRET)
     * @param delay  how long after {@link #completeLater} the candidate "finishes" the interview
     */
    public void sendResultsTo(String url, String header, String secret, java.time.Duration delay) {
        this.resultWebhook = new ResultWebhookTarget(url, header, secret, delay);
    }

    /**
     * After the configured delay (see {@link #sendResultsTo}), makes a completed, AI-scored result of this
     * interview for this user and POSTs it as the {@code interview_result} webhook: the flat payload with
     * {@code candidate_external_id} from the user's {@code external_id}, and the custom header. The result is
     * kept for {@code GET /merchant-result-list} even when the delivery fails (that is what the connector's
     * reconciliation finds). Without a webhook set, the result is only kept.
     *
     * @param interviewId the interview ({@code interview_def_set_id})
     * @param user        a registered user: {@code external_id}, {@code name}, {@code email}
     */
    public void completeLater(String interviewId, ObjectNode user) {
        ResultWebhookTarget target = resultWebhook;
        long delay = target == null ? 0 : target.delay().toMillis();
        ObjectNode copy = user.deepCopy();
        completer.schedule(() -> complete(interviewId, copy), delay, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The results made so far (copies), oldest first. */
    public List<ObjectNode> results() {
        return results.stream().map(ObjectNode::deepCopy).toList();
    }

    private void complete(String interviewId, ObjectNode user) {
        ObjectNode result = result(interviewId, user);
        results.add(result);
        ResultWebhookTarget target = resultWebhook;
        if (target == null) {
            return;
        }
        try {
            java.net.http.HttpResponse<Void> answer = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(target.url()))
                            .header("Content-Type", "application/json")
                            .header(target.header(), target.secret())
                            .timeout(java.time.Duration.ofSeconds(30))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(result))).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                System.err.println("sandbox: the result webhook answered HTTP " + answer.statusCode()
                        + " (the result is listed at GET /merchant-result-list)");
            }
        } catch (IOException e) {
            System.err.println("sandbox: the result webhook cannot be reached (" + e.getClass().getSimpleName()
                    + "); the result is listed at GET /merchant-result-list");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A completed, scored result in the documented flat shape (§5 "Payload"); invented analysis texts. */
    private static ObjectNode result(String interviewId, ObjectNode user) {
        String externalId = user.path("external_id").asText(null);
        int score = 60 + Math.floorMod(String.valueOf(externalId).hashCode(), 36);
        String now = Instant.now().toString();
        ObjectNode result = Json.object();
        result.put("id", UUID.randomUUID().toString());
        result.put("interview_id", interviewId);
        result.put("question_set_id", interviewId);
        result.put("status", "active");
        result.put("processing_status", "completed");
        result.put("interview_status", "completed");
        result.put("profile_interview_id", UUID.randomUUID().toString());
        result.put("profile_id", UUID.randomUUID().toString());
        result.put("score", score);
        result.put("ai_analysis_recruiter_score", score);
        result.put("ai_analysis", "Thank you for your answers. (sandbox)");
        result.put("ai_analysis_recruiter", "Answered every question with concrete examples. (sandbox)");
        result.putNull("recruiter_go_next_round");
        result.put("reason", "status");
        result.set("candidate_external_id", user.get("external_id"));
        result.set("candidate_name", user.get("name"));
        result.set("candidate_email", user.get("email"));
        result.putNull("candidate_phone_number");
        result.put("ai_analysis_recruiter_why_hire", "Relevant experience. (sandbox)");
        result.put("ai_analysis_recruiter_why_not_hire", "Little experience with the tools named. (sandbox)");
        result.put("created_at", now);
        result.put("updated_at", now);
        return result;
    }

    /** GET /merchant-result-list: the results made, newest updated first, paged by limit and offset. */
    private void resultList(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit = Math.min(1000, Math.max(1, parseInt(query.get("limit"), 50)));
        int offset = Math.max(0, parseInt(query.get("offset"), 0));
        String interview = query.get("interview_id");
        List<ObjectNode> matches = new ArrayList<>();
        for (ObjectNode result : results) {
            if (interview == null || interview.equals(result.path("interview_id").asText())) {
                matches.add(0, result);
            }
        }
        ArrayNode data = Json.NODES.arrayNode();
        matches.subList(Math.min(offset, matches.size()), Math.min(offset + limit, matches.size())).forEach(data::add);
        ObjectNode response = Json.object();
        response.set("data", data);
        ObjectNode pagination = response.putObject("pagination");
        pagination.put("total", matches.size());
        pagination.put("limit", limit);
        pagination.put("offset", offset);
        pagination.put("has_more", offset + limit < matches.size());
        send(exchange, 200, response);
    }

    // ---- The loop on the sandbox (issue 14, "the embedded sandbox closes the loop"): every candidate registered
    // from now on completes the interview after the delay of sendResultsTo, and the results on their way are
    // counted, so a once run can wait for them before its summary.

    private final java.util.concurrent.atomic.AtomicInteger resultsOnTheWay =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * From now on, each user the sandbox registers (register-users) completes the interview: a result is made and
     * delivered as {@link #completeLater} does, after the delay set by {@link #sendResultsTo}. Call
     * {@link #sendResultsTo} first. Counted in {@link #resultsOnTheWay} from the registration (before the
     * register-users answer is sent) until the webhook's answer (or its failure) is in.
     */
    public void completeEveryRegistration() {
        onRegistered((interviewId, user) -> {
            ResultWebhookTarget target = resultWebhook;
            long delay = target == null ? 0 : target.delay().toMillis();
            resultsOnTheWay.incrementAndGet();
            try {
                completer.schedule(() -> {
                    try {
                        complete(interviewId, user);
                    } finally {
                        resultsOnTheWay.decrementAndGet();
                    }
                }, delay, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the sandbox is closing: nothing will be delivered
                resultsOnTheWay.decrementAndGet();
            }
        });
    }

    /**
     * Results of {@link #completeEveryRegistration} not delivered yet: scheduled, or being sent and not answered.
     * 0 once every webhook call has its answer (the connector answers after storing the result).
     */
    public int resultsOnTheWay() {
        return resultsOnTheWay.get();
    }
}
