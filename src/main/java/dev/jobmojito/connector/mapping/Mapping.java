package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CreateFromArrayContract;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.jobmojito.RequestField;
import dev.jobmojito.connector.jobmojito.RequestValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A compiled mapping file: how one ATS's posting becomes a create-from-array request. Compiled once when
 * loaded; {@link #map} then does no parsing of rules, paths or patterns per job.
 */
public final class Mapping {

    private static final RequestValidator VALIDATOR = RequestValidator.seed();

    private final String name;
    private final String source;
    private final String file;
    private final InputOptions input;
    private final RecordPath records;
    private final List<SkipRule> skips;
    private final Map<String, ValueExpr> fields;
    /** The mapped fields in the contract's order, so a job is mapped without looking up every field. */
    private final List<Map.Entry<RequestField, ValueExpr>> fieldsInOrder;
    private final Map<String, String> unsetVariables;
    private final List<QuestionRule> questions;
    private final Map<String, List<QuestionRule>> questionSets;
    private final boolean readsDocument;
    private final Set<String> recordMembers;
    /** SHA-256 of the build, the rules and the variables they read (see {@link #fingerprint}). */
    private final byte[] definition;

    /**
     * Which build of the connector this is ({@code META-INF/build-info.properties}: version and build time), or
     * "development" when run from classes without it. Part of every fingerprint: a new build may map differently.
     */
    static final String BUILD = build();

    private static String build() {
        try (var in = Mapping.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (in == null) {
                return "development";
            }
            java.util.Properties info = new java.util.Properties();
            info.load(in);
            return info.getProperty("build.version", "?") + " built " + info.getProperty("build.time", "?");
        } catch (java.io.IOException e) {
            return "development";
        }
    }

    Mapping(String name, String source, String file, InputOptions input, RecordPath records, List<SkipRule> skips,
            Map<String, ValueExpr> fields, Map<String, String> unsetVariables, List<QuestionRule> questions,
            Map<String, List<QuestionRule>> questionSets, boolean readsDocument, Set<String> recordMembers,
            byte[] definition) {
        this.definition = definition;
        this.name = name;
        this.source = source;
        this.file = file;
        this.input = input;
        this.records = records;
        this.skips = skips;
        this.fields = fields;
        this.fieldsInOrder = CreateFromArrayContract.FIELDS.stream().filter(f -> fields.containsKey(f.name()))
                .map(f -> Map.entry(f, fields.get(f.name()))).toList();
        this.unsetVariables = unsetVariables;
        this.questions = questions;
        this.questionSets = questionSets;
        this.readsDocument = readsDocument;
        this.recordMembers = recordMembers;
    }

    /** A {@code skip:} entry: records for which {@code when} holds are reported as skipped with the reason. */
    record SkipRule(Condition when, ValueExpr reason) {
    }

    public String name() {
        return name;
    }

    /**
     * What the ledger knows this mapping's postings by, with their code: the mapping's {@code source:} key, or
     * its name when it has none. Renaming the file keeps the ledger only when {@code source} is kept.
     */
    public String source() {
        return source;
    }

    public String file() {
        return file;
    }

    public InputOptions input() {
        return input;
    }

    /** Where the job records are in an input document, or null to take the root array (or the root object). */
    public RecordPath records() {
        return records;
    }

    /** True when some rule reads {@code $doc}, so the input must be held whole rather than streamed. */
    public boolean readsDocument() {
        return readsDocument;
    }

    /**
     * The members of a record the rules read at its top level, in the order the file names them ({@code job_id} for {@code $.job_id}), not those of
     * list elements a {@code from} walks. A CSV file whose header holds none of them does not fit the mapping.
     */
    public Set<String> recordMembers() {
        return recordMembers;
    }

    /**
     * The paths each field reads from the record ({@code $...} and {@code $record...}, in paths, templates, lists,
     * {@code first} alternatives, {@code when} values and {@code from} lists; not in conditions), by field name in
     * mapping order. For {@code preview}'s warning about a path that matches nothing in a sample (issue 11).
     */
    public Map<String, List<RecordPath>> fieldPaths() {
        Map<String, List<RecordPath>> paths = new java.util.LinkedHashMap<>();
        for (Map.Entry<RequestField, ValueExpr> field : fieldsInOrder) {
            List<RecordPath> found = new java.util.ArrayList<>();
            collectPaths(field.getValue(), found);
            if (!found.isEmpty()) {
                paths.put(field.getKey().name(), List.copyOf(found));
            }
        }
        return paths;
    }

    private static void collectPaths(Object expr, List<RecordPath> found) {
        if (expr instanceof RecordPath path) {
            if (path.scope() == RecordPath.Scope.CURRENT || path.scope() == RecordPath.Scope.RECORD) {
                found.add(path);
            }
        } else if (expr instanceof ValueExpr.Path path) {
            collectPaths(path.path(), found);
        } else if (expr instanceof ValueExpr.Template template) {
            template.parts().forEach(part -> collectPaths(part, found));
        } else if (expr instanceof ValueExpr.Template.Optional optional) {
            optional.parts().forEach(part -> collectPaths(part, found));
        } else if (expr instanceof ValueExpr.ListOf list) {
            list.elements().forEach(element -> collectPaths(element, found));
        } else if (expr instanceof ValueExpr.First first) {
            first.options().forEach(option -> collectPaths(option, found));
        } else if (expr instanceof ValueExpr.ObjectOf object) {
            object.members().values().forEach(member -> collectPaths(member, found));
        } else if (expr instanceof ValueExpr.Conditional conditional) {
            conditional.branches().forEach(branch -> collectPaths(branch.value(), found));
            collectPaths(conditional.otherwise(), found);
        } else if (expr instanceof ValueExpr.Transformed transformed) {
            collectPaths(transformed.source(), found);
        } else if (expr instanceof ValueExpr.Defaulted defaulted) {
            collectPaths(defaulted.source(), found);
        } else if (expr instanceof ValueExpr.Select select) {
            collectPaths(select.from(), found); // its items are read from each element, not from the record
        }
        // constants, null and the text parts of templates read nothing
    }

    /** Environment variables the mapping refers to that are not set, by the field that needs them. */
    public Map<String, String> unsetVariables() {
        return unsetVariables;
    }

    List<QuestionRule> questionSet(String set) {
        return questionSets.getOrDefault(set, List.of());
    }

    /**
     * The fingerprint of what mapping this record depends on: SHA-256 (64 hex digits) over the build of the
     * connector, this mapping's rules and the variables they read, and the record, every member of it. Two equal
     * fingerprints map to equal requests (mapping reads nothing else: no clock, no randomness), so a posting whose
     * fingerprint is the one noted when its request was last found sent needs no mapping to be known unchanged
     * (issue 13, re-syncs that cost little). About 1.5 µs for a 1.5 kB posting.
     *
     * @param record the job record as read
     * @return the fingerprint, or null when the mapping reads the whole input document ({@code $doc}), which the
     *         record alone does not stand for
     */
    public String fingerprint(JsonNode record) {
        return readsDocument ? null : TreeDigest.get().bytes(definition).tree(record).finishHex();
    }

    /**
     * Maps one record.
     *
     * @param record   the job record
     * @param document the whole input document, or null when the input is streamed
     * @param index    the record's position in its input
     */
    public MappedJob map(JsonNode record, JsonNode document, int index) {
        List<Problem> problems = new ArrayList<>();
        ObjectNode request = Json.object();
        EvalContext context = EvalContext.of(record, document, request);
        for (SkipRule skip : skips) {
            if (skip.when().test(context)) {
                // a skipped record is still reported by its code and name, so only those two are mapped
                for (String identifying : List.of("code", "name")) {
                    ValueExpr expr = fields.get(identifying);
                    if (expr != null) {
                        mapField(CreateFromArrayContract.field(identifying).orElseThrow(), expr, context, request,
                                new ArrayList<>());
                    }
                }
                JsonNode reason = skip.reason().eval(context);
                return new MappedJob(index, request, List.of(), Values.isEmpty(reason) ? "skipped by the mapping"
                        : Values.text(reason));
            }
        }
        // fields first, in the contract's order, then the questions: a question rule may read $request (the
        // language worked out above), and the long question list reads best last
        EvalContext fieldContext = EvalContext.of(record, document, request);
        for (Map.Entry<RequestField, ValueExpr> field : fieldsInOrder) {
            mapField(field.getKey(), field.getValue(), fieldContext, request, problems);
        }
        ArrayNode built = buildQuestions(fieldContext, problems);
        if (!built.isEmpty()) {
            request.set("questions", built);
        }
        if (problems.isEmpty()) {
            problems.addAll(VALIDATOR.validate(request));
        } else {
            // a field that could not be mapped is absent: don't report it a second time as "is required"
            Set<String> reported = new HashSet<>();
            problems.forEach(p -> reported.add(p.path()));
            for (Problem problem : VALIDATOR.validate(request)) {
                if (!reported.contains(problem.path())) {
                    problems.add(problem);
                }
            }
        }
        return new MappedJob(index, request, List.copyOf(problems), null);
    }

    private void mapField(RequestField field, ValueExpr expr, EvalContext context, ObjectNode request,
                          List<Problem> problems) {
        JsonNode value = null;
        try {
            value = expr.eval(context);
            if (!Values.isEmpty(value)) {
                request.set(field.name(), Coercion.to(field.type(), value));
            } else if (unsetVariables.containsKey(field.name())) {
                problems.add(Problem.of(field.name(), "needs environment variable "
                        + unsetVariables.get(field.name()) + ", which is not set"));
            }
        } catch (MappingFailure failure) {
            problems.add(Problem.of(field.name(), failure.getMessage(), failure.value()));
        } catch (RuntimeException e) {
            problems.add(Problem.of(field.name(), "could not be mapped: " + e.getMessage(), value));
        }
    }

    private ArrayNode buildQuestions(EvalContext context, List<Problem> problems) {
        QuestionRule.Collector collector = new QuestionRule.Collector(problems);
        for (QuestionRule rule : questions) {
            rule.expand(context, this, collector);
        }
        ArrayNode array = Json.NODES.arrayNode(collector.questions().size());
        Set<String> taken = new HashSet<>();
        for (ObjectNode question : collector.questions()) {
            if (question.hasNonNull("id")) {
                taken.add(question.get("id").asText());
            }
        }
        int position = 0;
        for (ObjectNode question : collector.questions()) {
            position++;
            boolean completed = false;
            if (!question.hasNonNull("id")) {
                // the seed requires an id on every question; give a stable positional one when none is mapped
                String id = "q" + position;
                while (taken.contains(id)) {
                    id = id + "_";
                }
                taken.add(id);
                question.put("id", id);
                completed = true;
            }
            if (!question.has("is_conditional")) {
                question.put("is_conditional", false);
                completed = true;
            }
            array.add(completed ? reorder(question) : question);
        }
        return array;
    }

    /** Writes question members in the contract's order so request bodies read the same every time. */
    private static ObjectNode reorder(ObjectNode question) {
        ObjectNode ordered = Json.object();
        for (RequestField field : CreateFromArrayContract.QUESTION_FIELDS) {
            JsonNode value = question.get(field.name());
            if (value != null) {
                ordered.set(field.name(), value);
            }
        }
        return ordered;
    }

    /**
     * For a mapping of a second kind ({@link MappingLoader#ofKind}): why the record is skipped by the
     * {@code skip:} rules, or null when none applies.
     */
    public String skipReason(JsonNode record, JsonNode document) {
        EvalContext context = EvalContext.of(record, document, Json.object());
        for (SkipRule skip : skips) {
            if (skip.when().test(context)) {
                JsonNode reason = skip.reason().eval(context);
                return Values.isEmpty(reason) ? "skipped by the mapping" : Values.text(reason);
            }
        }
        return null;
    }

    /**
     * For a mapping of a second kind ({@link MappingLoader#ofKind}): the value its rules give {@code field} for
     * the record, or null when it has no rule or the value is empty (missing, null, blank).
     *
     * @throws MappingFailure when the rules cannot make a value of it
     */
    public JsonNode value(String field, JsonNode record, JsonNode document) {
        ValueExpr expr = fields.get(field);
        if (expr == null) {
            return null;
        }
        JsonNode value = expr.eval(EvalContext.of(record, document, Json.object()));
        return Values.isEmpty(value) ? null : value;
    }

    /**
     * {@link #value} as text (numbers as written: 42, not 42.0), or null.
     *
     * @throws MappingFailure when the value is a list or an object
     */
    public String text(String field, JsonNode record, JsonNode document) {
        JsonNode value = value(field, record, document);
        if (value != null && value.isContainerNode()) {
            throw new MappingFailure(field + " is a list or an object, not one value (transform: first picks the "
                    + "first of a list)", value);
        }
        return value == null ? null : Values.text(value).strip();
    }

    @Override
    public String toString() {
        return name + " (" + file + ")";
    }
}
