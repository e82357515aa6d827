package dev.jobmojito.connector.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.interviewresults.InterviewResult;
import dev.jobmojito.connector.mapping.EvalContext;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.ValueExpr;
import dev.jobmojito.connector.mapping.Values;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The result mappings: what the ATS receives for an interview result, one file per ATS source in
 * {@code CONNECTOR_WRITEBACK_MAPPINGS} ({@code mappings/results/<source>.yaml}; {@code default.yaml} for a source
 * without its own). A result mapping is written in the mapping language (every value rule: paths, templates with
 * optional parts, {@code when}, {@code first}, {@code transform}, {@code default}) with these keys:
 *
 * <ul>
 *   <li>{@code recommendation}: a value the note can use as {@code $request.recommendation} (the rules are made in
 *       this order, each one's value visible to the next under {@code $request});</li>
 *   <li>{@code note} (required): the note's text;</li>
 *   <li>{@code attachment_url}: a URL the ATS is asked to attach (the PDF report), when it gives something;</li>
 *   <li>{@code attachment_name}: the attachment's file name;</li>
 *   <li>{@code skip}: results not written, with the reason ({@code [{when: <condition>, reason: <text>}]}).</li>
 * </ul>
 *
 * {@code $} is JobMojito's flat result payload ({@code ../shared/jobmojito-api.md} §5 "Payload": {@code score},
 * {@code ai_analysis_recruiter}, {@code recruiter_go_next_round}, {@code pdf_export_url}, ...); {@code $doc} holds
 * the connector's own ids: {@code result_id}, {@code version}, {@code event}, {@code interview_id},
 * {@code source}, {@code application_id}.
 */
public final class ResultMappings {

    /** The rules a result mapping may hold. */
    public static final List<String> RULES = List.of("recommendation", "note", "attachment_url", "attachment_name");
    /** The mapping used for a source without a file of its own. */
    public static final String DEFAULT = "default";

    private final Path folder;
    private final MappingLoader loader;
    private final Map<String, MappingLoader.RuleFile> loaded = new ConcurrentHashMap<>();

    /** What a result mapping made of one result: the note and the attachment's URL and name (null when none). */
    public record Rendered(String mapping, String note, String attachmentUrl, String attachmentName,
                           String skipped) {
    }

    public ResultMappings(Path folder, MappingLoader loader) {
        this.folder = folder;
        this.loader = loader;
    }

    /** The folder of result mappings. */
    public Path folder() {
        return folder;
    }

    /**
     * Loads every result mapping of the folder (none is fine: the bundled defaults are used).
     *
     * @return every problem of every file, {@code file:line: message}; empty when all load
     */
    public List<MappingError> loadAll() throws IOException {
        List<MappingError> errors = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return errors;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml")).sorted()
                    .toList()) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    MappingLoader.RuleFile rules = loader.loadRules(MappingLoader.nameOf(file), file.toString(),
                            reader, RULES, List.of("note"));
                    loaded.put(rules.name(), rules);
                } catch (MappingException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        return errors;
    }

    /**
     * Renders a result with the mapping of its source (or {@code default}).
     *
     * @return the note, or the skip reason; null note and reason when neither the source nor default has a mapping
     */
    public Rendered render(InterviewResult result) {
        MappingLoader.RuleFile rules = loaded.get(result.source() == null ? DEFAULT : result.source());
        if (rules == null) {
            rules = loaded.get(DEFAULT);
        }
        if (rules == null) {
            return null;
        }
        ObjectNode doc = Json.object();
        doc.put("result_id", result.resultId());
        doc.put("version", result.version());
        doc.put("event", result.event());
        doc.put("interview_id", result.interviewId());
        doc.put("source", result.source());
        doc.put("application_id", result.applicationId());
        JsonNode payload = result.payload() == null ? Json.object() : result.payload();
        ObjectNode made = Json.object();
        EvalContext context = EvalContext.of(payload, doc, made);
        for (MappingLoader.RuleSkip skip : rules.skips()) {
            if (skip.when().test(context)) {
                return new Rendered(rules.name(), null, null, null, text(skip.reason(), context));
            }
        }
        String recommendation = text(rules.rules().get("recommendation"), context);
        if (recommendation != null) {
            made.put("recommendation", recommendation);
        }
        String note = text(rules.rules().get("note"), context);
        if (note == null || note.isBlank()) {
            return new Rendered(rules.name(), null, null, null, "the result mapping made an empty note");
        }
        // the optional lines end with a line break: the note ends with its last line
        return new Rendered(rules.name(), note.strip(), text(rules.rules().get("attachment_url"), context),
                text(rules.rules().get("attachment_name"), context), null);
    }

    private static String text(ValueExpr rule, EvalContext context) {
        if (rule == null) {
            return null;
        }
        JsonNode value = rule.eval(context);
        return Values.isEmpty(value) ? null : Values.text(value);
    }
}
