package dev.jobmojito.connector.secrets;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one list of secret values the connector knows, and the masking that replaces them in any text about to be
 * written. It is process-wide (static) because the log encoders that use it are made by Logback, not Spring.
 *
 * <p>A registered value is masked as written, URL-encoded, URL-decoded and JSON-escaped. Besides the values,
 * {@link #mask(String)} masks the password of {@code scheme://user:password@host} and the value of query or
 * JDBC parameters named like a secret ({@code password=}, {@code api_key=}, {@code token=}, ...), registered or
 * not. Values shorter than {@value #MIN_LENGTH} characters are not registered: masking them would garble
 * ordinary words, and a secret that short is no secret.
 */
public final class SecretRegistry {

    /** Shortest value masked by value. */
    public static final int MIN_LENGTH = 6;
    /** What a secret is replaced with. */
    public static final String MASK = "***";

    // every quantifier is bounded, so a megabyte line logged at TRACE (a base64 blob after "data:...;") is masked
    // in linear time: no start position can make the matcher scan more than a few hundred characters
    private static final Pattern USER_INFO = Pattern.compile(
            "(?i)\\b([a-z][a-z0-9+.-]{0,15}://[^:/?#@\\s\"']{0,64}):([^@/?#\\s\"']{1,256})@");
    private static final Pattern PARAMETER = Pattern.compile(
            "([?&;])([A-Za-z0-9_.\\-\\[\\]]{1,64})=([^&;#\\s\"'\\\\]*)");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|signature|sig|auth).*");

    private static final Object LOCK = new Object();
    private static final Set<String> VALUES = new LinkedHashSet<>();
    /** The values longest first, so a secret containing another is masked whole; replaced on every change. */
    private static volatile String[] ordered = new String[0];

    private SecretRegistry() {
    }

    /**
     * Registers a secret value, and its encoded forms, to be masked from now on.
     *
     * @param value the secret as loaded (from the environment, a file, a route parameter); null, blank and
     *              values shorter than {@value #MIN_LENGTH} characters are ignored
     * @return true when the value is (now or already) masked
     */
    public static boolean register(String value) {
        if (value == null) {
            return false;
        }
        String secret = value.strip();
        if (secret.length() < MIN_LENGTH) {
            return false;
        }
        List<String> forms = new ArrayList<>();
        forms.add(secret);
        if (!value.equals(secret) && value.length() >= MIN_LENGTH) {
            forms.add(value);
        }
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        try {
            forms.add(URLDecoder.decode(secret, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
            // not URL-encoded text: nothing more to add
        }
        forms.add(jsonEscaped(secret));
        synchronized (LOCK) {
            boolean changed = false;
            for (String form : forms) {
                if (form.length() >= MIN_LENGTH) {
                    changed |= VALUES.add(form);
                }
            }
            if (changed) {
                ordered = VALUES.stream().sorted(Comparator.comparingInt(String::length).reversed())
                        .toArray(String[]::new);
            }
        }
        return true;
    }

    /**
     * Registers the {@code Basic} credentials of a user and password: the password, and the Base64 text the
     * Authorization header carries.
     *
     * @param username the user (not secret by itself); null is taken as empty
     * @param password the password; ignored when too short
     */
    public static void registerBasic(String username, String password) {
        if (register(password)) {
            register(Base64.getEncoder().encodeToString(((username == null ? "" : username) + ":" + password.strip())
                    .getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * Registers the secrets a URL carries: the password of its user info and the values of secret-named query
     * parameters (a poll URL with {@code ?api_key=...}, a JDBC URL with {@code password=...}).
     *
     * @param url any URL or JDBC URL; null is ignored
     */
    public static void registerFromUrl(String url) {
        if (url == null) {
            return;
        }
        Matcher userInfo = USER_INFO.matcher(url);
        while (userInfo.find()) {
            register(userInfo.group(2));
        }
        Matcher parameter = PARAMETER.matcher(url);
        while (parameter.find()) {
            if (SECRET_NAME.matcher(parameter.group(2)).matches()) {
                register(parameter.group(3));
            }
        }
    }

    /**
     * The text with every registered secret, user-info password and secret-named parameter value replaced by
     * {@value #MASK}.
     *
     * @param text any text about to be written; null stays null
     * @return the masked text (the same instance when there was nothing to mask)
     */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = maskValues(text);
        if (masked.indexOf('@') >= 0 && masked.contains("://")) {
            masked = USER_INFO.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        }
        if (masked.indexOf('=') >= 0) {
            // a value masked already keeps what follows it ("password=***): Connection refused")
            masked = PARAMETER.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(3).isEmpty() || m.group(3).startsWith(MASK)
                            || !SECRET_NAME.matcher(m.group(2)).matches() ? m.group()
                            : m.group(1) + m.group(2) + "=" + MASK));
        }
        return masked;
    }

    /**
     * The text with the registered secrets replaced, and nothing else: for data that is sent again later (a
     * dead letter's request), where masking every {@code token=} parameter of a posting's text would change it.
     *
     * @param text any text; null stays null
     * @return the text with registered values replaced by {@value #MASK}
     */
    public static String maskValues(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : ordered) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }

    /**
     * Whether the text holds a registered secret as written (not the pattern-based ones).
     *
     * @param text any text; null holds none
     * @return true when a registered value occurs in it
     */
    public static boolean containsSecret(String text) {
        if (text == null) {
            return false;
        }
        for (String secret : ordered) {
            if (text.contains(secret)) {
                return true;
            }
        }
        return false;
    }

    private static String jsonEscaped(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
