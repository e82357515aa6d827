package dev.jobmojito.connector.atshooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.HttpAnswer;
import dev.jobmojito.connector.writeback.WriteCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ATS webhook endpoints answer, as plain functions of the request (the routes of {@link AtsWebhookRoutes}
 * make the one call there is, Lever's opportunity, through {@code direct:ats-write-call}). Every delivery is
 * counted in {@code connector.ats.webhooks.received{ats, outcome}}; names, emails and the payload are never logged.
 *
 * <ul>
 *   <li>401 {@code unauthorized}: the signature is missing or wrong; nothing read further, nothing stored, nothing
 *       logged (Greenhouse: the {@code Signature} header over the raw body; Lever: {@code signature} over
 *       {@code token + triggeredAt}; see {@link Signatures});</li>
 *   <li>400 {@code invalid}: signed, but not JSON, or a stage change without its application;</li>
 *   <li>200 {@code ignored}: another event (Greenhouse's {@code ping} when a web hook is saved, ...);</li>
 *   <li>200 {@code stored}: the application's record is in the candidates inbox ({@link AtsEventStore}), from where
 *       it takes the drop folder's path and the invitation ledger's "once ever";</li>
 *   <li>503 {@code not_stored}: it could not be stored, or Lever's opportunity could not be fetched: the ATS delivers
 *       again, and the poll is the backstop.</li>
 * </ul>
 */
public final class AtsWebhook {

    /** Greenhouse's action of an application moved to another stage. */
    public static final String GREENHOUSE_STAGE_CHANGE = "candidate_stage_change";
    /** Lever's event of an opportunity moved to another stage. */
    public static final String LEVER_STAGE_CHANGE = "candidateStageChange";

    private static final Logger LOG = LoggerFactory.getLogger(AtsWebhook.class);
    /** Lever ids are UUIDs; anything that would leave the URL's path segment is refused. */
    private static final Pattern LEVER_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** The answer: HTTP status and a small JSON body. */
    public record Receipt(int status, String body) {
        static Receipt of(int status, String outcome) {
            return new Receipt(status, "{\"outcome\":\"" + outcome + "\"}");
        }
    }

    /**
     * One Lever delivery on its way: the call to fetch its opportunity ({@link #getCall()}, null when none is
     * needed) and, once known, the answer ({@link #getReceipt()}).
     */
    public static final class LeverDelivery {
        private WriteCall call;
        private Receipt receipt;
        private String opportunityId;

        /** The call to make through {@code direct:ats-write-call}, or null. */
        public WriteCall getCall() {
            return call;
        }

        /** What the endpoint answers. */
        public Receipt getReceipt() {
            return receipt;
        }

        @Override
        public String toString() {
            return "LeverDelivery[" + opportunityId + "]";
        }
    }

    private final byte[] greenhouseSecret;
    private final String greenhouseMapping;
    private final byte[] leverToken;
    private final String leverMapping;
    private final String leverBaseUrl;
    private final String leverApiKey;
    private final AtsEventStore store;
    private final MeterRegistry meters;

    /**
     * @param greenhouseSecret  Greenhouse's secret key, or null when its endpoint is off
     * @param greenhouseMapping the candidate mapping of Greenhouse's records
     * @param leverToken        Lever's signature token, or null when its endpoint is off
     * @param leverMapping      the candidate mapping of Lever's opportunities
     * @param leverBaseUrl      Lever's API base
     * @param leverApiKey       the API key to fetch opportunities with
     */
    public AtsWebhook(String greenhouseSecret, String greenhouseMapping, String leverToken, String leverMapping,
                      String leverBaseUrl, String leverApiKey, AtsEventStore store, MeterRegistry meters) {
        this.greenhouseSecret = greenhouseSecret == null ? null : greenhouseSecret.getBytes(StandardCharsets.UTF_8);
        this.greenhouseMapping = greenhouseMapping;
        this.leverToken = leverToken == null ? null : leverToken.getBytes(StandardCharsets.UTF_8);
        this.leverMapping = leverMapping;
        this.leverBaseUrl = leverBaseUrl == null ? null : leverBaseUrl.replaceAll("/+$", "");
        this.leverApiKey = leverApiKey;
        this.store = store;
        this.meters = meters;
    }

    public boolean greenhouseOn() {
        return greenhouseSecret != null;
    }

    public boolean leverOn() {
        return leverToken != null;
    }

    // ---- Greenhouse -------------------------------------------------------------------------------------------

    /**
     * One Greenhouse delivery. Its payload is complete (the application with its candidate, current stage, status
     * and jobs): nothing is fetched. The record stored is a Harvest candidate with that one application, as
     * {@code mappings/candidates/greenhouse.yaml} reads it: {@code [{...candidate, "applications": [application]}]}.
     *
     * @param signature the {@code Signature} header, or null
     * @param body      the raw body (already capped by {@link dev.jobmojito.connector.common.BodySizeCap})
     */
    public Receipt greenhouse(String signature, byte[] body) {
        if (greenhouseSecret == null || !Signatures.greenhouse(signature, body, greenhouseSecret)) {
            return count("greenhouse", Receipt.of(401, "unauthorized"), "unauthorized");
        }
        JsonNode root = parse(body);
        if (root == null) {
            return count("greenhouse", Receipt.of(400, "invalid"), "invalid");
        }
        if (!GREENHOUSE_STAGE_CHANGE.equals(root.path("action").asText())) {
            return count("greenhouse", Receipt.of(200, "ignored"), "ignored");
        }
        JsonNode application = root.path("payload").path("application");
        if (!application.isObject() || !application.path("candidate").isObject()
                || application.path("id").asText("").isEmpty()) {
            return count("greenhouse", Receipt.of(400, "invalid"), "invalid");
        }
        ObjectNode candidate = application.path("candidate").deepCopy();
        ObjectNode app = application.deepCopy();
        app.remove("candidate");
        if (!app.has("candidate_id")) {
            app.set("candidate_id", candidate.path("id"));
        }
        candidate.putArray("applications").add(app);
        ArrayNode records = Json.NODES.arrayNode().add(candidate);
        return stored("greenhouse", greenhouseMapping, app.path("id").asText(), records);
    }

    // ---- Lever ------------------------------------------------------------------------------------------------

    /**
     * One Lever delivery, checked: answered at once (401, 400, ignored), or with the call that fetches the
     * opportunity, since Lever's payload names ids only ({@code data.opportunityId}, {@code toStageId}, ...) and
     * not the candidate's name, email, stage name or posting.
     *
     * @param body the raw body (already capped)
     */
    public LeverDelivery lever(byte[] body) {
        LeverDelivery delivery = new LeverDelivery();
        JsonNode root = leverToken == null ? null : parse(body);
        if (root == null || !Signatures.lever(text(root.get("token")), text(root.get("triggeredAt")),
                text(root.get("signature")), leverToken)) {
            // a body that is not JSON cannot carry Lever's signature: unauthorized too
            delivery.receipt = count("lever", Receipt.of(401, "unauthorized"), "unauthorized");
            return delivery;
        }
        if (!LEVER_STAGE_CHANGE.equals(root.path("event").asText())) {
            delivery.receipt = count("lever", Receipt.of(200, "ignored"), "ignored");
            return delivery;
        }
        String opportunity = root.path("data").path("opportunityId").asText("");
        if (!LEVER_ID.matcher(opportunity).matches()) {
            delivery.receipt = count("lever", Receipt.of(400, "invalid"), "invalid");
            return delivery;
        }
        delivery.opportunityId = opportunity;
        String url = leverBaseUrl + "/v1/opportunities/" + URLEncoder.encode(opportunity, StandardCharsets.UTF_8)
                + "?expand=stage&expand=applications";
        delivery.call = new WriteCall(WriteCall.Purpose.LOOK_UP, "GET", url, Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((leverApiKey + ":").getBytes(StandardCharsets.UTF_8)),
                "Accept", "application/json"), null, null, null);
        return delivery;
    }

    /**
     * Lever answered the fetch of the opportunity ({@code {"data": {...}}}): stored as a page of one,
     * {@code {"data": [opportunity]}}, as {@code mappings/candidates/lever.yaml} reads it. 404: the opportunity is
     * gone (deleted or merged), acknowledged and dropped. Anything else: 503, Lever delivers again.
     */
    public LeverDelivery leverFetched(LeverDelivery delivery, HttpAnswer answer) {
        delivery.call = null;
        if (answer.status() == 404) {
            LOG.info("Lever webhook: opportunity {} not found in Lever's API (404): nothing to invite",
                    delivery.opportunityId);
            delivery.receipt = count("lever", Receipt.of(200, "ignored"), "ignored");
            return delivery;
        }
        JsonNode opportunity = answer.ok() ? parse(answer.body().getBytes(StandardCharsets.UTF_8)) : null;
        if (opportunity == null || !opportunity.path("data").isObject()) {
            LOG.warn("Lever webhook: fetching opportunity {} was answered {}: 503, Lever delivers again",
                    delivery.opportunityId, answer.status());
            delivery.receipt = count("lever", Receipt.of(503, "not_stored"), "not_stored");
            return delivery;
        }
        ObjectNode page = Json.object();
        page.putArray("data").add(opportunity.path("data"));
        delivery.receipt = stored("lever", leverMapping, delivery.opportunityId, page);
        return delivery;
    }

    /** Lever's opportunity could not be fetched (no answer): 503, Lever delivers again. */
    public LeverDelivery leverUnreachable(LeverDelivery delivery, Exception failure) {
        LOG.warn("Lever webhook: opportunity {} could not be fetched ({}): 503, Lever delivers again",
                delivery.opportunityId, failure.getClass().getSimpleName());
        delivery.call = null;
        delivery.receipt = count("lever", Receipt.of(503, "not_stored"), "not_stored");
        return delivery;
    }

    // ---- shared -----------------------------------------------------------------------------------------------

    /** A body refused for its size ({@link dev.jobmojito.connector.common.BodySizeCap}): counted, never read further. */
    public void tooLarge(String ats) {
        count(ats, null, "too_large");
    }

    private Receipt stored(String ats, String mapping, String applicationId, JsonNode records) {
        try {
            Path file = store.store(mapping, ats, applicationId, Json.write(records).getBytes(StandardCharsets.UTF_8));
            LOG.info("{} webhook: application {} stored as {} for the invitation path", ats, applicationId,
                    file.getFileName());
            return count(ats, Receipt.of(200, "stored"), "stored");
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} webhook: application {} could not be stored ({}): 503, the ATS delivers again", ats,
                    applicationId, e.getClass().getSimpleName());
            return count(ats, Receipt.of(503, "not_stored"), "not_stored");
        }
    }

    private Receipt count(String ats, Receipt receipt, String outcome) {
        Counter.builder("connector.ats.webhooks.received").description("ATS webhook deliveries received")
                .tag("ats", ats).tag("outcome", outcome).register(meters).increment();
        return receipt;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A JSON value as the text it was signed as: a number's digits, a string's content. */
    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : node.asText();
    }
}
