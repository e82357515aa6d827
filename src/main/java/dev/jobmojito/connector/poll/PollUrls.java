package dev.jobmojito.connector.poll;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL handling for polls: query parameters for pagination, Link headers, and URLs safe to log. */
public final class PollUrls {

    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&][^=&]*(?:key|token|secret|password|passwd|sig|auth)[^=&]*=)[^&]*");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;[^,]*rel\\s*=\\s*\"?next\"?",
            Pattern.CASE_INSENSITIVE);

    private PollUrls() {
    }

    /** The URL with a query parameter set (replaced when present). */
    public static String withParameter(String url, String name, String value) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        int question = base.indexOf('?');
        String path = question < 0 ? base : base.substring(0, question);
        List<String> parameters = new ArrayList<>();
        if (question >= 0) {
            for (String pair : base.substring(question + 1).split("&")) {
                String key = pair.split("=", 2)[0];
                if (!pair.isEmpty() && !key.equals(encode(name)) && !key.equals(name)) {
                    parameters.add(pair);
                }
            }
        }
        parameters.add(encode(name) + "=" + encode(value));
        return path + "?" + String.join("&", parameters);
    }

    /** The {@code rel="next"} target of a Link header (RFC 8288), or null. */
    public static String nextLink(String header, String base) {
        if (header == null) {
            return null;
        }
        Matcher matcher = NEXT_LINK.matcher(header);
        return matcher.find() ? resolve(base, matcher.group(1)) : null;
    }

    /** A next-page URL from a body may be relative to the page it came from. */
    public static String resolve(String base, String next) {
        return URI.create(base).resolve(next.strip()).toString();
    }

    /** The URL with the values of key-, token- or password-like query parameters masked, for logs and results. */
    public static String safe(String url) {
        Matcher matcher = SECRET_PARAMETER.matcher(url);
        return matcher.replaceAll("$1***");
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
