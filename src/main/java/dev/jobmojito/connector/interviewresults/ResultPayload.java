package dev.jobmojito.connector.interviewresults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One delivery of an interview result, read: the flat payload of JobMojito's result webhooks and of the items of
 * {@code GET /merchant-result-list} ({@code ../shared/jobmojito-api.md} §5 "Payload"; §4 "Results"), with what
 * deduplication and ordering need worked out of it.
 *
 * <p><b>Version.</b> JobMojito re-sends a result when a watched field changes (§5 "Events"), and delivers at least
 * once. The version is the SHA-256 of the watched fields' values ({@link #WATCHED}, in that order, as JSON):
 * a re-delivery of the same content has the same version whatever else differs ({@code reason}, the order of the
 * keys, fields we do not watch), and a change of a watched field makes a new version.
 *
 * <p><b>Which version is newer.</b> {@link #progress}: how far the result had come, from its {@code status}
 * (draft, active, archived), {@code processing_status} (new, processing, completed/failed) and
 * {@code interview_status} (ongoing, then any end); then the payload's {@code updated_at} when both versions
 * have one; then arrival order. See {@link #newerThan}.
 *
 * @param resultId    the payload's {@code id}
 * @param version     64 hex digits, see above
 * @param event       {@code interview_result}, {@code interview_collected} or {@code interview_failed}
 * @param interviewId the payload's {@code interview_id}; null when absent
 * @param progress    see {@link #progress(ObjectNode)}
 * @param updatedAt   the payload's {@code updated_at}; null when absent or unreadable
 * @param payload     the flat payload (an older {@code {"record": {...}}} envelope unwrapped), unknown fields
 *                    kept. Holds personal data: never log it
 */
public record ResultPayload(String resultId, String version, String event, String interviewId, int progress,
                            Instant updatedAt, ObjectNode payload) {

    /** The fields whose change makes JobMojito deliver a result again (§5 "Events"), in version order. */
    public static final List<String> WATCHED = List.of("status", "processing_status", "interview_status", "score",
            "ai_analysis_recruiter_score", "ai_analysis_recruiter", "ai_analysis_recruiter_why_hire",
            "ai_analysis_recruiter_why_not_hire", "recruiter_go_next_round", "pdf_export_url");

    /** The events of §5. */
    public static final Set<String> EVENTS = Set.of("interview_result", "interview_collected", "interview_failed");

    private static final Set<String> FAILED_STATUSES = Set.of("failed", "abandoned", "terminated, no speech detected");

    /**
     * Reads a delivery.
     *
     * @param json  the request body
     * @param event the event the delivery was configured for (the webhook URL's {@code ?event=}); null or blank
     *              to tell it from the payload: {@code interview_failed} when the interview failed, was
     *              abandoned or terminated, {@code interview_collected} while the result is a draft,
     *              {@code interview_result} otherwise (the payload names no event, §5)
     * @throws IllegalArgumentException when the body is not a JSON object with an {@code id}, or the event is
     *                                  not one of {@link #EVENTS}
     */
    public static ResultPayload read(String json, String event) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json == null ? "" : json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        return of(tree, event);
    }

    /** Reads a payload already parsed (a {@code merchant-result-list} item); see {@link #read}. */
    public static ResultPayload of(JsonNode tree, String event) {
        if (tree instanceof ObjectNode envelope && envelope.get("record") instanceof ObjectNode record) {
            // the older Supabase database-webhook shape {"table","schema","record":{...}} (§5 "Old vs new")
            tree = record;
        }
        if (!(tree instanceof ObjectNode payload)) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String id = text(payload, "id");
        if (id == null || id.isBlank() || id.length() > 100) {
            throw new IllegalArgumentException("the payload has no result id");
        }
        String kind = event == null || event.isBlank() ? eventOf(payload) : event.strip().toLowerCase(Locale.ROOT);
        if (!EVENTS.contains(kind)) {
            throw new IllegalArgumentException("unknown event: " + kind);
        }
        return new ResultPayload(id, version(payload), kind, text(payload, "interview_id"), progress(payload),
                updatedAt(payload), payload);
    }

    /** The event a payload is, when the delivery does not say: see {@link #read}. */
    static String eventOf(ObjectNode payload) {
        String interview = lower(text(payload, "interview_status"));
        if (interview != null && FAILED_STATUSES.contains(interview)) {
            return "interview_failed";
        }
        return "draft".equals(lower(text(payload, "status"))) ? "interview_collected" : "interview_result";
    }

    /** SHA-256 (hex) of the watched fields as one JSON array; an absent field counts as null. */
    static String version(ObjectNode payload) {
        var values = Json.MAPPER.createArrayNode();
        for (String field : WATCHED) {
            JsonNode value = payload.get(field);
            values.add(value == null ? Json.MAPPER.nullNode() : value);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.write(values).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * How far a result had come when it was sent: {@code status} (draft 1, active 2, archived 3) times 100, plus
     * {@code processing_status} (new 1, processing 2, completed or failed 3) times 10, plus
     * {@code interview_status} (ongoing 1, any other value 2). Unknown or absent values count 0. The enums are
     * those of §5 "Enum meanings".
     */
    static int progress(ObjectNode payload) {
        int status = switch (String.valueOf(lower(text(payload, "status")))) {
            case "draft" -> 1;
            case "active" -> 2;
            case "archived" -> 3;
            default -> 0;
        };
        int processing = switch (String.valueOf(lower(text(payload, "processing_status")))) {
            case "new" -> 1;
            case "processing" -> 2;
            case "completed", "failed" -> 3;
            default -> 0;
        };
        String interview = lower(text(payload, "interview_status"));
        int coach = interview == null ? 0 : interview.equals("ongoing") ? 1 : 2;
        return status * 100 + processing * 10 + coach;
    }

    private static Instant updatedAt(ObjectNode payload) {
        String text = text(payload, "updated_at");
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip().replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.strip());
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /**
     * Whether this version is newer than another of the same result: more {@link #progress}; at the same
     * progress a later {@code updated_at} when both have one; otherwise the one that arrived later
     * ({@code thisArrival} and {@code otherArrival} are arrival ranks, the store's row ids).
     */
    public static boolean newerThan(int progress, Instant updatedAt, long thisArrival, int otherProgress,
                                    Instant otherUpdatedAt, long otherArrival) {
        if (progress != otherProgress) {
            return progress > otherProgress;
        }
        if (updatedAt != null && otherUpdatedAt != null && !updatedAt.equals(otherUpdatedAt)) {
            return updatedAt.isAfter(otherUpdatedAt);
        }
        return thisArrival > otherArrival;
    }

    /**
     * The candidate's {@code external_id} split at the first ':' into the ATS source and the application id
     * ({@code <source>:<application id>}, written when the candidate was registered).
     *
     * @return source and application id, or null when the payload has none or it has no ':' with text on each
     *         side
     */
    public String[] application() {
        String external = text(payload, "candidate_external_id");
        if (external == null) {
            return null;
        }
        int colon = external.indexOf(':');
        if (colon <= 0 || colon == external.length() - 1) {
            return null;
        }
        return new String[] {external.substring(0, colon), external.substring(colon + 1)};
    }

    private static String text(ObjectNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String lower(String text) {
        return text == null ? null : text.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        // the payload carries the candidate's name, email and phone number
        return "ResultPayload[" + resultId + " version " + version + ", " + event + ", interview " + interviewId + "]";
    }
}
