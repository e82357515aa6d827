package dev.jobmojito.connector.jobmojito;

import static dev.jobmojito.connector.jobmojito.JsonType.BOOLEAN;
import static dev.jobmojito.connector.jobmojito.JsonType.INTEGER;
import static dev.jobmojito.connector.jobmojito.JsonType.NUMBER;
import static dev.jobmojito.connector.jobmojito.JsonType.OBJECT;
import static dev.jobmojito.connector.jobmojito.JsonType.OBJECT_ARRAY;
import static dev.jobmojito.connector.jobmojito.JsonType.STRING;
import static dev.jobmojito.connector.jobmojito.JsonType.STRING_ARRAY;
import static dev.jobmojito.connector.jobmojito.RequestField.always;
import static dev.jobmojito.connector.jobmojito.RequestField.optional;
import static dev.jobmojito.connector.jobmojito.RequestField.seedOnly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of {@code POST /job-interview-create-from-array}: every field of the seed page plus the newer
 * optional ones of the published schema, with the JSON type each is sent as. This catalogue is the request
 * model: mapping files are checked against it, values are coerced to its types, and the validator enforces it.
 */
public final class CreateFromArrayContract {

    public static final String PATH = "/job-interview-create-from-array";

    /** The 34 platform languages of the published schema ({@code br} is listed apart from {@code pt}). */
    public static final List<String> LANGUAGE_CODES = List.of(
            "ar", "bg", "zh", "hr", "cs", "da", "nl", "en", "fil", "fi", "fr", "de", "el", "hi", "hu", "id", "it",
            "ja", "ko", "ms", "no", "pl", "pt", "br", "ro", "ru", "sk", "es", "sv", "ta", "th", "tr", "uk", "vi");

    private static final RequestField EXPECTATIONS_RUBRIC = optional("candidate_expectations_json", OBJECT)
            .withProperties(optional("weak", STRING_ARRAY), optional("moderate", STRING_ARRAY),
                    optional("strong", STRING_ARRAY));

    /** Per-question fields. The seed requires id, question and is_conditional; the API only question. */
    public static final List<RequestField> QUESTION_FIELDS = List.of(
            seedOnly("id", STRING),
            always("question", STRING),
            optional("duration", INTEGER).atLeast(1),
            seedOnly("is_conditional", BOOLEAN),
            optional("mojito_language_code", STRING).oneOf(LANGUAGE_CODES),
            optional("question_alternatives", STRING_ARRAY),
            optional("conditional_question_main_id", STRING),
            optional("label", STRING),
            optional("is_without_scoring", BOOLEAN),
            optional("is_candidate_asking_recruiter", BOOLEAN),
            optional("is_expert", BOOLEAN),
            optional("is_multiple_choice", BOOLEAN),
            optional("knowledge_base_id", STRING),
            optional("external_id", STRING),
            optional("external_data", OBJECT),
            EXPECTATIONS_RUBRIC);

    /** Top-level fields, seed page first, then the newer optional ones in the order the API notes list them. */
    public static final List<RequestField> FIELDS = List.of(
            optional("code", STRING),
            always("name", STRING),
            always("description", STRING),
            optional("description_long", STRING),
            seedOnly("candidate_expectations", STRING),
            seedOnly("interview_type", STRING).oneOf("pre-screening", "pre-screening-with-test-questions",
                    "second-interview", "remote-freelancer-verification", "strength-based-interview",
                    "potential-based-interview", "process-verification-from-knowledge-base"),
            always("location", STRING),
            seedOnly("interview_attempts", INTEGER).between(1, 10).apiUpTo(20),
            optional("cover_image_url", STRING),
            always("interview_template_id", STRING),
            optional("knowledge_base_store_id", STRING),
            always("status", STRING).oneOf("draft", "active"),
            always("visibility", STRING).oneOf("merchant_public", "merchant_invite", "merchant_unlisted"),
            always("type", STRING).oneOf("interview", "coaching", "assessment"),
            always("mojito_language_code", STRING).oneOf(LANGUAGE_CODES),
            optional("recording", STRING).oneOf("audio_first_5_answers", "audio_all", "video_all",
                    "video_first_5_answers"),
            optional("interview_tone", STRING),
            always("questions", OBJECT_ARRAY),
            optional("recording_full_session", STRING).oneOf("audio_all", "video_all"),
            optional("seniority_level", STRING).oneOf("entry-level", "intermediate", "senior", "managerial",
                    "director", "executive"),
            optional("result_view", STRING).oneOf("none", "minimal", "minimal_with_score", "advanced", "full",
                    "full_expand_scores"),
            optional("interview_conversation_speed", STRING).oneOf("slower", "normal", "faster"),
            optional("candidate_video_introduction", STRING).oneOf("optional", "required"),
            optional("questions_random_subset", NUMBER).between(0.01, 0.9),
            optional("max_followups", INTEGER).between(0, 999),
            optional("interview_department", STRING),
            optional("interview_salary", STRING),
            optional("interview_available_till", STRING),
            optional("recruiter_profile_id", STRING),
            optional("hiring_for_company", OBJECT).withProperties(optional("name", STRING),
                    optional("description", STRING), optional("location", STRING), optional("sector", STRING),
                    optional("company_size", STRING)),
            optional("tags", STRING_ARRAY),
            optional("required_pronunciation", BOOLEAN),
            optional("result_enable_edit_transcript", BOOLEAN),
            optional("pdf_export_auto_config", OBJECT).withProperties(optional("mojito_language_code", STRING)
                            .oneOf(LANGUAGE_CODES), optional("contact_details", BOOLEAN),
                    optional("ai_recruiter_assessment", BOOLEAN), optional("ai_scoring_rubric", BOOLEAN),
                    optional("analytics", BOOLEAN), optional("files", BOOLEAN), optional("transcript", BOOLEAN),
                    optional("answer_recording", BOOLEAN), optional("session_recording", BOOLEAN),
                    optional("group_by_question", BOOLEAN),
                    optional("template", STRING).oneOf("classic", "modern", "one_pager")),
            optional("merchant_id", STRING),
            EXPECTATIONS_RUBRIC,
            optional("custom_scoring", OBJECT),
            optional("additional_context", OBJECT),
            optional("instructional_video", BOOLEAN),
            optional("instructional_video_custom_text", STRING),
            optional("disable_deduplication", BOOLEAN),
            optional("welcome_message", STRING),
            optional("thank_you_message", STRING),
            optional("is_embedded", BOOLEAN));

    private static final Map<String, RequestField> BY_NAME = index(FIELDS);
    private static final Map<String, RequestField> QUESTION_BY_NAME = index(QUESTION_FIELDS);

    private static final Map<String, Integer> FIELD_POSITIONS = positions(FIELDS);
    private static final Map<String, Integer> QUESTION_FIELD_POSITIONS = positions(QUESTION_FIELDS);

    private CreateFromArrayContract() {
    }

    /** Where the field called {@code name} is in {@code fields} (a list of this contract), or null. */
    static Integer position(List<RequestField> fields, String name) {
        if (fields == FIELDS) {
            return FIELD_POSITIONS.get(name);
        }
        if (fields == QUESTION_FIELDS) {
            return QUESTION_FIELD_POSITIONS.get(name);
        }
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    private static Map<String, Integer> positions(List<RequestField> fields) {
        Map<String, Integer> positions = new java.util.HashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            positions.put(fields.get(i).name(), i);
        }
        return Map.copyOf(positions);
    }

    public static Optional<RequestField> field(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Optional<RequestField> questionField(String name) {
        return Optional.ofNullable(QUESTION_BY_NAME.get(name));
    }

    /** Top-level fields a mapping may produce directly; {@code questions} has its own section. */
    public static List<String> mappableFieldNames() {
        return FIELDS.stream().map(RequestField::name).filter(n -> !n.equals("questions")).toList();
    }

    public static List<String> questionFieldNames() {
        return QUESTION_FIELDS.stream().map(RequestField::name).toList();
    }

    private static Map<String, RequestField> index(List<RequestField> fields) {
        Map<String, RequestField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return Map.copyOf(byName);
    }
}
