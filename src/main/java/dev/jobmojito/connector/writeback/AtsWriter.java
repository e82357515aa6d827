package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * One ATS a result is written to: the settings of an {@code ats-writeback} route template instance (see
 * {@code routes/writeback-template.camel.yaml}; every setting is text as written there, empty means not set, the
 * defaults are the template's) and the functions that build its calls and read its answers. It sends nothing: the
 * route {@code direct:ats-write-call} makes the calls. As a step of its route ({@link #process}) it attaches itself
 * to the {@link WritebackJob} when it is configured.
 *
 * <p>Authentication: {@code none}, {@code bearer} (token), {@code basic} (user and password; an API key as the user
 * with an empty password for Lever), {@code header} (a header whose value has {@code {token}} replaced), or
 * {@code oauth}: OAuth 2.0 client credentials (RFC 6749 §4.4): a token from {@code tokenUrl} (client id and
 * secret as basic auth, {@code grant_type=client_credentials}), kept until {@code expires_in} (less a minute) and
 * fetched again when the ATS answers 401. Secrets from files are read at each use, so a rotated file is used.
 *
 * <p>Bodies: {@code noteBody} and {@code attachmentBody} are JSON with placeholders replaced by JSON values:
 * {@code $note} (the note's text, the result's marker line included), {@code $application} (a number when the id
 * is all digits, else a string), {@code $result_id}, {@code $version}, {@code $attachment_url},
 * {@code $attachment_name}. Paths have {@code {application}} replaced (URL-encoded); a query parameter whose value
 * is empty is left out ({@code ?perform_as=} when no user is set).
 */
public class AtsWriter extends AtsConnection implements Processor {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([a-z_]+)");
    private static final Pattern EMPTY_PARAMETER = Pattern.compile("([?&])[^=&?#]+=(?=&|$)");

    private String target = "";
    private String kind = "";
    private String baseUrl = "";
    private String notePath = "";
    private String noteBody = "";
    private String attachmentPath = "";
    private String attachmentBody = "";
    private String lookUpPath = "";
    private String referencePath = "";
    private String folder = "";
    private int rateLimit;


    /** The target's step: attaches this writer to the job when the target is configured (else the default takes it). */
    @Override
    public void process(Exchange exchange) {
        WritebackJob job = exchange.getIn().getBody(WritebackJob.class);
        if (configured()) {
            job.setWriter(this);
        }
    }

    /** Whether the target has what it needs to write: a folder, or a base URL and its authentication's secrets. */
    public boolean configured() {
        if (kind.equals("folder")) {
            return !folder.isEmpty();
        }
        if (baseUrl.isEmpty() || notePath.isEmpty()) {
            return false;
        }
        return switch (getAuth()) {
            case "bearer", "header" -> !getToken().isEmpty() || !getTokenFile().isEmpty();
            case "basic" -> !getUsername().isEmpty() || !getUsernameFile().isEmpty();
            case "oauth" -> oauth().configured();
            default -> true;
        };
    }

    /** The local stand-in: notes written as files, named by application, result and version (so never twice). */
    public boolean writesFiles() {
        return kind.equals("folder");
    }

    /** Whether the ATS can be asked which notes an application has (so a lost answer can be checked). */
    public boolean canLookUp() {
        return !lookUpPath.isEmpty();
    }

    /** Forgets the cached token (the ATS answered 401 with it). */
    public void forgetToken() {
        oauth().forget();
    }

    /** Tokens fetched from the token endpoint so far. */
    public int tokensFetched() {
        return oauth().fetched();
    }

    /** Names the target in the OAuth client credentials' messages. */
    @Override
    protected String connectionName() {
        return "the write-back target " + target;
    }

    // ---- calls --------------------------------------------------------------------------------------------

    /** The token request (OAuth client credentials). */
    public WriteCall tokenCall() {
        return oauth().tokenCall();
    }

    /** Reads the token endpoint's answer: see {@link OAuthClientCredentials#answered}. */
    public void tokenAnswered(HttpAnswer answer, Long retryAfterMillis) {
        oauth().answered(answer, retryAfterMillis);
    }

    /** The first listing of the application's notes (to look for the result's marker). */
    public WriteCall lookUpCall(String application) {
        return lookUpCallAt(url(lookUpPath, application));
    }

    /** A listing page at a URL. */
    public WriteCall lookUpCallAt(String url) {
        return new WriteCall(WriteCall.Purpose.LOOK_UP, "GET", url, requestHeaders(), null, null, null);
    }

    /**
     * The next page of a listing ({@code hasNext} and {@code next}, Lever's shape: {@code ?offset=<next>}), or null.
     */
    public String nextLookUp(String url, HttpAnswer answer) {
        JsonNode body = parse(answer.body());
        if (body.path("hasNext").asBoolean(false) && body.hasNonNull("next")) {
            String first = url.replaceAll("([?&])offset=[^&]*&?", "$1").replaceAll("[?&]$", "");
            return first + (first.contains("?") ? "&" : "?") + "offset="
                    + URLEncoder.encode(body.get("next").asText(), StandardCharsets.UTF_8);
        }
        return null;
    }

    /** Whether a listing holds a note with the marker. */
    public boolean holds(HttpAnswer answer, String marker) {
        return answer.body() != null && answer.body().contains(marker);
    }

    /** The note. */
    public WriteCall noteCall(WritebackJob job, String note) {
        if (writesFiles()) {
            String name = safe(job.getInterviewResult().applicationId()) + "/" + safe(job.getInterviewResult()
                    .resultId()) + "-" + safe(job.getInterviewResult().version()) + ".md";
            String source = job.getInterviewResult().source() == null ? "unknown"
                    : safe(job.getInterviewResult().source());
            StringBuilder text = new StringBuilder(note).append('\n');
            if (job.getRendered().attachmentUrl() != null) {
                text.append("\nAttachment: ").append(job.getRendered().attachmentName() == null ? "report.pdf"
                        : job.getRendered().attachmentName()).append(" <").append(job.getRendered().attachmentUrl())
                        .append(">\n");
            }
            return new WriteCall(WriteCall.Purpose.FILE, "PUT", null, Map.of(),
                    text.toString().getBytes(StandardCharsets.UTF_8), "text/markdown",
                    Path.of(folder, source, name));
        }
        return new WriteCall(WriteCall.Purpose.NOTE, "POST", url(notePath, job.getInterviewResult().applicationId()),
                requestHeaders(), body(noteBody, job, note), "application/json", null);
    }

    /** The attachment, or null when the target or the result has none. */
    public WriteCall attachmentCall(WritebackJob job, String note) {
        if (writesFiles() || attachmentPath.isEmpty() || attachmentBody.isEmpty()
                || job.getRendered().attachmentUrl() == null) {
            return null;
        }
        return new WriteCall(WriteCall.Purpose.ATTACHMENT, "POST", url(attachmentPath,
                job.getInterviewResult().applicationId()), requestHeaders(), body(attachmentBody, job, note),
                "application/json", null);
    }

    /** The note's id in the ATS's answer ({@code referencePath}, else {@code data.noteId}, {@code data.id}, {@code id}). */
    public String reference(HttpAnswer answer) {
        JsonNode body = parse(answer.body());
        if (!referencePath.isEmpty()) {
            JsonNode found = body.at(referencePath.startsWith("/") ? referencePath
                    : "/" + referencePath.replaceFirst("^\\$\\.", "").replace('.', '/'));
            return found.isMissingNode() || found.isNull() ? null : found.asText();
        }
        for (String pointer : new String[] {"/data/noteId", "/data/id", "/id"}) {
            JsonNode found = body.at(pointer);
            if (!found.isMissingNode() && !found.isNull() && !found.isContainerNode()) {
                return found.asText();
            }
        }
        return null;
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Map<String, String> requestHeaders() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("Accept", "application/json");
        switch (getAuth()) {
            case "bearer" -> out.put("Authorization", "Bearer " + secret(getToken(), getTokenFile(), "tokenFile"));
            case "header" -> out.put(getHeaderName(), getHeaderValue().replace("{token}", secret(getToken(),
                    getTokenFile(), "tokenFile")));
            case "basic" -> {
                String pass = getPassword().isEmpty() && getPasswordFile().isEmpty() ? ""
                        : secret(getPassword(), getPasswordFile(), "passwordFile");
                String user = secret(getUsername(), getUsernameFile(), "usernameFile");
                SecretRegistry.register(user);
                SecretRegistry.registerBasic(user, pass);
                out.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
            }
            case "oauth" -> {
                String current = oauth().token();
                if (current != null) {
                    out.put("Authorization", "Bearer " + current);
                }
            }
            default -> {
            }
        }
        if (!getHeaders().isEmpty()) {
            for (String pair : getHeaders().split(";")) {
                int colon = pair.indexOf(':');
                if (colon > 0) {
                    out.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
                }
            }
        }
        return out;
    }

    private String url(String path, String application) {
        String full = baseUrl.replaceAll("/+$", "") + path.replace("{application}",
                URLEncoder.encode(application == null ? "" : application, StandardCharsets.UTF_8).replace("+", "%20"));
        String cleaned = full;
        for (String previous = ""; !previous.equals(cleaned); ) {
            previous = cleaned;
            cleaned = EMPTY_PARAMETER.matcher(cleaned).replaceAll("$1").replace("?&", "?").replace("&&", "&");
        }
        return cleaned.replaceAll("[?&]$", "");
    }

    private static byte[] body(String template, WritebackJob job, String note) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String application = job.getInterviewResult().applicationId();
        values.put("note", Json.NODES.textNode(note));
        values.put("application", application != null && application.matches("\\d{1,18}")
                ? Json.NODES.numberNode(Long.parseLong(application)) : Json.NODES.textNode(application));
        values.put("result_id", Json.NODES.textNode(job.getInterviewResult().resultId()));
        values.put("version", Json.NODES.textNode(job.getInterviewResult().version()));
        values.put("attachment_url", job.getRendered().attachmentUrl() == null ? Json.NODES.nullNode()
                : Json.NODES.textNode(job.getRendered().attachmentUrl()));
        values.put("attachment_name", Json.NODES.textNode(job.getRendered().attachmentName() == null ? "report.pdf"
                : job.getRendered().attachmentName()));
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            JsonNode value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? matcher.group()
                    : Json.write(value)));
        }
        matcher.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String safe(String text) {
        String cleaned = (text == null ? "none" : text).replaceAll("[^A-Za-z0-9._-]", "_");
        return cleaned.length() > 80 ? cleaned.substring(0, 80) : cleaned;
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

    private String secret(String value, String file, String setting) {
        try {
            return secret(value, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the " + setting + " of the write-back target " + target
                    + ": " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    // ---- settings (set by Camel from the template's parameters) --------------------------------------------


    public String getTarget() {
        return target;
    }

    /**
     * Calls started to this ATS per second at most, across every write-back of this replica (notes, look-ups,
     * attachments, token requests); 0 for no limit. The ATS's own 429 and {@code Retry-After} are obeyed as well.
     */
    public int getRateLimit() {
        return rateLimit;
    }

    /**
     * @param rateLimit calls per second, a whole number; empty or 0: no limit
     * @throws IllegalArgumentException when it is not a whole number of 0 or more
     */
    public void setRateLimit(String rateLimit) {
        String value = orEmpty(rateLimit).strip();
        try {
            this.rateLimit = value.isEmpty() ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("rateLimit of write-back target '" + target + "' must be a whole "
                    + "number of calls per second, 0 for no limit; got '" + value + "'");
        }
        if (this.rateLimit < 0) {
            throw new IllegalArgumentException("rateLimit of write-back target '" + target + "' must be 0 or more;"
                    + " got " + value);
        }
    }

    public void setTarget(String target) {
        this.target = orEmpty(target);
    }

    public void setKind(String kind) {
        this.kind = orEmpty(kind);
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = orEmpty(baseUrl);
        SecretRegistry.registerFromUrl(this.baseUrl);
    }

    public void setNotePath(String notePath) {
        this.notePath = orEmpty(notePath);
    }

    public void setNoteBody(String noteBody) {
        this.noteBody = orEmpty(noteBody);
    }

    public void setAttachmentPath(String attachmentPath) {
        this.attachmentPath = orEmpty(attachmentPath);
    }

    public void setAttachmentBody(String attachmentBody) {
        this.attachmentBody = orEmpty(attachmentBody);
    }

    public void setLookUpPath(String lookUpPath) {
        this.lookUpPath = orEmpty(lookUpPath);
    }

    public void setReferencePath(String referencePath) {
        this.referencePath = orEmpty(referencePath);
    }

    public void setFolder(String folder) {
        this.folder = orEmpty(folder);
    }
















}
