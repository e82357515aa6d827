package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4) for an ATS API: builds the token request (client id and secret as
 * HTTP basic auth, form body {@code grant_type=client_credentials}, an optional scope and further parameters),
 * reads the answer ({@code access_token}, {@code expires_in}) and keeps the token until it expires, less a minute.
 * Used by the write-back targets ({@link AtsWriter}) and by {@code ats-poll} (Greenhouse Harvest v3). It sends
 * nothing: a route makes the call ({@code direct:ats-write-call}). The secret file is read at each token request,
 * so a rotated secret is used; the token and the secret are registered for masking.
 */
public final class OAuthClientCredentials {

    private final String owner;
    private final String tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final String clientSecretFile;
    private final String scope;
    private final String parameters;
    private volatile Clock clock = Clock.systemUTC();
    private volatile String token;
    private volatile Instant until = Instant.MIN;
    private volatile int fetched;

    /**
     * @param owner            what uses it, for messages (a target, a poll)
     * @param clientSecretFile a file holding the secret (wins over {@code clientSecret}); empty when not used
     * @param parameters       further form parameters, url-encoded ({@code sid=4080}); empty when none
     */
    public OAuthClientCredentials(String owner, String tokenUrl, String clientId, String clientSecret,
                                  String clientSecretFile, String scope, String parameters) {
        this.owner = owner;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clientSecretFile = clientSecretFile;
        this.scope = scope;
        this.parameters = parameters;
        SecretRegistry.register(clientSecret);
    }

    /** For tests: the clock that decides when a token expires. */
    public void clock(Clock clock) {
        this.clock = clock;
    }

    /** Whether a token endpoint, client id and secret are given. */
    public boolean configured() {
        return !tokenUrl.isEmpty() && !clientId.isEmpty() && (!clientSecret.isEmpty() || !clientSecretFile.isEmpty());
    }

    /** Whether a token must be fetched first: none yet, or expired. */
    public boolean needsToken() {
        return token == null || !clock.instant().isBefore(until);
    }

    /** The current token, or null. */
    public String token() {
        return token;
    }

    /** Forgets the token (the API answered 401 with it). */
    public void forget() {
        token = null;
    }

    /** Tokens fetched so far. */
    public int fetched() {
        return fetched;
    }

    /**
     * The token request.
     *
     * @throws IllegalStateException when the secret file cannot be read
     */
    public WriteCall tokenCall() {
        String secret = clientSecret;
        if (!clientSecretFile.isEmpty()) {
            try {
                secret = Files.readString(Path.of(clientSecretFile), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the OAuth client secret file of " + owner + ": "
                        + clientSecretFile + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        SecretRegistry.registerBasic(clientId, secret);
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!scope.isEmpty()) {
            form.append("&scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        if (!parameters.isEmpty()) {
            form.append('&').append(parameters);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        headers.put("Accept", "application/json");
        return new WriteCall(WriteCall.Purpose.TOKEN, "POST", tokenUrl, headers,
                form.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", null);
    }

    /**
     * Reads the token endpoint's answer and keeps the token.
     *
     * @param retryAfterMillis the answer's {@code Retry-After}, or null
     * @throws RetryableWriteException on 429, 408 or 5xx
     * @throws IllegalStateException   when the endpoint refused the credentials or answered no token
     */
    public void answered(HttpAnswer answer, Long retryAfterMillis) {
        if (answer.status() == 429 || answer.status() == 408 || answer.status() >= 500) {
            throw new RetryableWriteException("the token endpoint of " + owner + " answered " + answer.status(),
                    answer.status(), retryAfterMillis, false);
        }
        JsonNode body = parse(answer.body());
        String value = body.path("access_token").asText("");
        if (!answer.ok() || value.isEmpty()) {
            throw new IllegalStateException("the token endpoint of " + owner + " refused the client credentials ("
                    + answer.status() + (body.has("error") ? ", " + body.path("error").asText() : "") + ")");
        }
        SecretRegistry.register(value);
        long seconds = body.path("expires_in").asLong(3600);
        token = value;
        until = clock.instant().plusSeconds(Math.max(0, seconds - 60));
        fetched++;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return Json.NODES.missingNode();
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.NODES.missingNode();
        }
    }
}
