package dev.jobmojito.connector.writeback;

import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a route template instance reaches an ATS's API: the authentication settings the {@code ats-poll},
 * {@code ats-applications-poll} and {@code ats-writeback} templates share (set by Camel from the template's
 * parameters, declared with their defaults once, in the template), and the OAuth 2.0 client credentials (RFC 6749
 * §4.4) made from them. Every value is text as written in the route file, stripped; empty means not set. Secrets
 * given as values are registered for masking when set; secrets in files are read at each use ({@link #secret}), so
 * a rotated file is used.
 *
 * <p>{@code auth}: {@code none}, {@code bearer} (token), {@code basic} (username, password; Lever's API key is the
 * user), {@code header} (headerName, headerValue with {@code {token}}), {@code oauth} (tokenUrl, clientId,
 * clientSecret, scope, tokenParameters). {@code headers}: extra headers, {@code Name: value; Other: value}.
 */
public abstract class AtsConnection {

    private String auth = "";
    private String token = "";
    private String tokenFile = "";
    private String username = "";
    private String usernameFile = "";
    private String password = "";
    private String passwordFile = "";
    private String headerName = "";
    private String headerValue = "";
    private String headers = "";
    private String tokenUrl = "";
    private String clientId = "";
    private String clientSecret = "";
    private String clientSecretFile = "";
    private String scope = "";
    private String tokenParameters = "";
    private Clock clock = Clock.systemUTC();
    private volatile OAuthClientCredentials oauth;

    /** Who uses the connection, in messages: "the poll of https://…", "the write-back target lever". */
    protected abstract String connectionName();

    /** The connection's OAuth client credentials (auth {@code oauth}), made once its settings are all set. */
    public OAuthClientCredentials oauth() {
        OAuthClientCredentials current = oauth;
        if (current == null) {
            synchronized (this) {
                if (oauth == null) {
                    oauth = new OAuthClientCredentials(connectionName(), tokenUrl, clientId, clientSecret,
                            clientSecretFile, scope, tokenParameters);
                    oauth.clock(clock);
                }
                current = oauth;
            }
        }
        return current;
    }

    /** Whether the connection authenticates by OAuth client credentials. */
    public boolean usesOAuth() {
        return auth.equalsIgnoreCase("oauth");
    }

    /** Whether a token must be fetched before the next call: auth {@code oauth} and no valid token. */
    public boolean needsToken() {
        return usesOAuth() && oauth().needsToken();
    }

    /**
     * A secret setting: the content of {@code file} when one is set (read now, stripped, registered for masking),
     * else {@code value} (registered when it was set).
     *
     * @throws IOException when the file cannot be read
     */
    public static String secret(String value, String file) throws IOException {
        if (!file.isEmpty()) {
            String read = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            SecretRegistry.register(read);
            return read;
        }
        return value;
    }

    /** The value stripped; empty for null. */
    protected static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }

    /** For tests: the clock that decides when a token expires (before the first use). */
    public void setClock(Clock clock) {
        this.clock = clock;
    }

    public String getAuth() {
        return auth;
    }

    public void setAuth(String auth) {
        this.auth = orEmpty(auth);
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = orEmpty(token);
        SecretRegistry.register(this.token);
    }

    public String getTokenFile() {
        return tokenFile;
    }

    public void setTokenFile(String tokenFile) {
        this.tokenFile = orEmpty(tokenFile);
    }

    public String getUsername() {
        return username;
    }

    /** The basic auth user; a secret too (Lever's API key is the user). */
    public void setUsername(String username) {
        this.username = orEmpty(username);
        SecretRegistry.register(this.username);
    }

    public String getUsernameFile() {
        return usernameFile;
    }

    /** A file holding the basic auth user, for an ATS whose user is the secret (Lever's API key). */
    public void setUsernameFile(String usernameFile) {
        this.usernameFile = orEmpty(usernameFile);
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = orEmpty(password);
        SecretRegistry.register(this.password);
    }

    public String getPasswordFile() {
        return passwordFile;
    }

    public void setPasswordFile(String passwordFile) {
        this.passwordFile = orEmpty(passwordFile);
    }

    public String getHeaderName() {
        return headerName;
    }

    public void setHeaderName(String headerName) {
        this.headerName = orEmpty(headerName);
    }

    public String getHeaderValue() {
        return headerValue;
    }

    public void setHeaderValue(String headerValue) {
        this.headerValue = orEmpty(headerValue);
    }

    public String getHeaders() {
        return headers;
    }

    public void setHeaders(String headers) {
        this.headers = orEmpty(headers);
    }

    public void setTokenUrl(String tokenUrl) {
        this.tokenUrl = orEmpty(tokenUrl);
    }

    public void setClientId(String clientId) {
        this.clientId = orEmpty(clientId);
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = orEmpty(clientSecret);
        SecretRegistry.register(this.clientSecret);
    }

    public void setClientSecretFile(String clientSecretFile) {
        this.clientSecretFile = orEmpty(clientSecretFile);
    }

    public void setScope(String scope) {
        this.scope = orEmpty(scope);
    }

    public void setTokenParameters(String tokenParameters) {
        this.tokenParameters = orEmpty(tokenParameters);
    }
}
