package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.jobmojito.CreateFromArrayContract;
import dev.jobmojito.connector.jobmojito.RequestField;
import dev.jobmojito.connector.jobmojito.ValidationRules;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a mapping file and compiles it. Every problem is collected, each with its line, so one
 * run of {@code validate} shows them all; a misspelt key comes with the name it probably meant.
 */
public final class MappingLoader {

    /**
     * Values for request fields a mapping does not mention. They are the safe choice: an interview is created as
     * an unpublished draft that candidates join by invitation, and the avatar comes from the environment.
     */
    public static final Map<String, JsonNode> BUILT_IN_DEFAULTS = builtInDefaults();

    public static final String TEMPLATE_ID_VARIABLE = "JOBMOJITO_INTERVIEW_TEMPLATE_ID";

    static final List<String> TOP_KEYS = List.of("description", "source", "input", "records", "skip", "fields",
            "questions", "question_sets");
    /** What a mapping's {@code source} may hold: it is the first part of every ledger key ({@code source:code}). */
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,199}");
    static final List<String> INPUT_KEYS = List.of("format", "charset", "csv", "xml");
    static final List<String> SOURCE_KEYS = List.of("path", "value", "template", "first", "list", "object", "env",
            "from");
    static final List<String> VALUE_KEYS = List.of("path", "value", "template", "first", "list", "object", "env",
            "from", "where", "select", "transform", "default", "when");
    static final List<String> CONDITION_KEYS = List.of("path", "transform", "equals", "matches", "exists", "any_of",
            "all_of", "not");

    /** The first member a path names: {@code $.title}, {@code $record.title}, {@code $['job id']}. */
    private static final Pattern FIRST_MEMBER = Pattern.compile("^\\$(?:record)?(?:\\.([^.\\[]+)|\\['([^']+)'])");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final UnaryOperator<String> environment;
    /** The fields of a second kind of mapping file (candidates), or null for posting mappings. */
    private final List<String> kindFields;
    /** Of {@link #kindFields}, those every file of that kind must give a rule for. */
    private final List<String> kindRequired;

    /** @param environment looks up a variable for {@code ${NAME}} placeholders; null when unset */
    public MappingLoader(UnaryOperator<String> environment) {
        this(environment, null, null);
    }

    private MappingLoader(UnaryOperator<String> environment, List<String> kindFields, List<String> kindRequired) {
        this.environment = environment;
        this.kindFields = kindFields;
        this.kindRequired = kindRequired;
    }

    /**
     * A loader of a second kind of mapping file written in the same language ({@code description}, {@code source},
     * {@code input}, {@code records}, {@code skip}, {@code fields}), whose fields are the given names rather than
     * request fields, with no questions and no built-in defaults: the candidate mappings of issue 15
     * ({@code mappings/candidates/<ats>.yaml}). Read with {@link Mapping#value} and {@link Mapping#skipReason}.
     *
     * @param fields   the field names such a file may map, in the order they are evaluated
     * @param required those it must give a rule for
     */
    public static MappingLoader ofKind(UnaryOperator<String> environment, List<String> fields,
                                       List<String> required) {
        return new MappingLoader(environment, List.copyOf(fields), List.copyOf(required));
    }

    private static Map<String, JsonNode> builtInDefaults() {
        Map<String, JsonNode> defaults = new LinkedHashMap<>();
        defaults.put("interview_type", Json.NODES.textNode("pre-screening"));
        defaults.put("interview_attempts", Json.NODES.numberNode(1));
        defaults.put("interview_template_id", Json.NODES.textNode("${" + TEMPLATE_ID_VARIABLE + "}"));
        defaults.put("status", Json.NODES.textNode("draft"));
        defaults.put("visibility", Json.NODES.textNode("merchant_invite"));
        defaults.put("type", Json.NODES.textNode("interview"));
        defaults.put("mojito_language_code", Json.NODES.textNode("en"));
        return Map.copyOf(defaults);
    }

    /**
     * The variables mappings see: the process environment, except that {@code JOBMOJITO_INTERVIEW_TEMPLATE_ID}
     * is the configured avatar (the sandbox's own when running on the embedded sandbox).
     */
    public static UnaryOperator<String> environment(String interviewTemplateId) {
        return name -> name.equals(TEMPLATE_ID_VARIABLE) && interviewTemplateId != null ? interviewTemplateId
                : System.getenv(name);
    }

    /** The mapping name a file stands for: {@code mappings/greenhouse.yaml} is "greenhouse". */
    public static String nameOf(Path file) {
        String fileName = file.getFileName().toString();
        return fileName.replaceFirst("\\.(yaml|yml)$", "");
    }

    public Mapping load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(nameOf(file), file.toString(), reader);
        } catch (IOException e) {
            throw new MappingException(List.of(new MappingError(file.toString(), 1,
                    "cannot read the mapping file: " + e.getMessage())));
        }
    }

    public Mapping load(String name, String displayFile, Reader reader) {
        LocatedYaml yaml = LocatedYaml.parse(reader, displayFile);
        return new Compiler(displayFile, yaml).compile(name);
    }

    // ---- rule files that are not request mappings (result mappings, see writeback.ResultMappings) ----------

    /** A {@code skip} entry of a rule file: when its condition holds, nothing is made, for the reason given. */
    public record RuleSkip(Condition when, ValueExpr reason) {
    }

    /**
     * A rule file compiled: its skips and its named value rules (each one a value rule of the mapping language:
     * path, value, template, first, when, transform, default, ...).
     */
    public record RuleFile(String name, String file, List<RuleSkip> skips, Map<String, ValueExpr> rules) {
    }

    /**
     * Compiles a file of named value rules written in the mapping language, for things other than
     * {@code create-from-array} requests (an interview result's note to the ATS). Keys allowed at the top:
     * {@code description}, {@code skip} and the rule names given; every problem is reported at once, as for a
     * mapping.
     *
     * @param ruleNames the rules the file may hold
     * @param required  those it must hold
     * @throws MappingException with every problem, {@code file:line: message}
     */
    public RuleFile loadRules(String name, String displayFile, Reader reader, List<String> ruleNames,
                              List<String> required) {
        LocatedYaml yaml = LocatedYaml.parse(reader, displayFile);
        return new Compiler(displayFile, yaml).compileRules(name, ruleNames, required);
    }

    private final class Compiler {
        private final String file;
        private final LocatedYaml yaml;
        private final List<MappingError> errors = new ArrayList<>();
        private final Map<String, String> unsetVariables = new LinkedHashMap<>();
        private final List<String[]> includes = new ArrayList<>(); // {set name, pointer}
        private final Map<String, String> declaredQuestionIds = new LinkedHashMap<>(); // id -> pointer
        /**
         * Steps written the same way are one step: a step remembers its last result ({@code replace}), so two
         * fields running the same chain over the same value compute it once.
         */
        private final Map<String, Transform> stepsBySpec = new java.util.HashMap<>();
        private final List<String[]> questionReferences = new ArrayList<>(); // {id, pointer}
        private final Map<String, List<String>> setIncludes = new LinkedHashMap<>();
        private String currentField;
        private String currentSet;
        private boolean readsDocument;
        /** The record's members the rules read ({@code $.title}, {@code $record.title}), for an input check. */
        private final Set<String> recordMembers = new LinkedHashSet<>();
        /** Every variable a placeholder looked up, with what it resolved to (null: unset), for the fingerprint. */
        private final java.util.TreeMap<String, String> variablesRead = new java.util.TreeMap<>();
        /** Above 0 while compiling rules whose {@code $} is a list element ({@code from} items), not the record. */
        private int elementDepth;
        private boolean collectingMembers;

        Compiler(String file, LocatedYaml yaml) {
            this.file = file;
            this.yaml = yaml;
        }

        Mapping compile(String name) {
            JsonNode root = yaml.root();
            if (!root.isObject()) {
                error("", "a mapping file is a YAML map with records, fields and questions");
                throw new MappingException(errors);
            }
            // a second kind has the top keys up to fields, and no questions
            checkKeys(root, "", kindFields == null ? TOP_KEYS : TOP_KEYS.subList(0, TOP_KEYS.indexOf("fields") + 1),
                    "a mapping");
            String source = name;
            if (root.has("source")) {
                source = root.get("source").asText("");
                if (!root.get("source").isTextual() || !SOURCE.matcher(source).matches()) {
                    error("/source", "source must be a name of letters, digits, '.', '_' or '-' (it keys the "
                            + "ledger: postings are known by source and code), got \"" + source + "\"");
                }
            }
            InputOptions input = compileInput(root.get("input"), "/input");
            RecordPath records = root.has("records") ? compilePath(root.get("records"), "/records") : null;
            collectingMembers = true;
            List<Mapping.SkipRule> skips = compileSkips(root.get("skip"), "/skip");
            Map<String, ValueExpr> fields = kindFields == null ? compileFields(root.get("fields"), "/fields")
                    : compileKindFields(root.get("fields"), "/fields");
            Map<String, List<QuestionRule>> sets = kindFields == null
                    ? compileSets(root.get("question_sets"), "/question_sets") : Map.of();
            currentSet = null;
            List<QuestionRule> questions = kindFields == null
                    ? compileQuestionList(root.get("questions"), "/questions", true) : List.of();
            checkIncludes(sets.keySet());
            checkQuestionReferences();
            if (!errors.isEmpty()) {
                throw new MappingException(errors);
            }
            return new Mapping(name, source, file, input, records, skips, fields, Map.copyOf(unsetVariables),
                    questions, sets, readsDocument, java.util.Collections.unmodifiableSet(recordMembers),
                    definitionDigest(root));
        }

        RuleFile compileRules(String name, List<String> ruleNames, List<String> required) {
            JsonNode root = yaml.root();
            if (!root.isObject()) {
                error("", "a rule file is a YAML map of " + String.join(", ", ruleNames));
                throw new MappingException(errors);
            }
            List<String> keys = new ArrayList<>(List.of("description", "skip"));
            keys.addAll(ruleNames);
            checkKeys(root, "", keys, "a result mapping");
            List<RuleSkip> skips = new ArrayList<>();
            for (Mapping.SkipRule skip : compileSkips(root.get("skip"), "/skip")) {
                skips.add(new RuleSkip(skip.when(), skip.reason()));
            }
            Map<String, ValueExpr> rules = new LinkedHashMap<>();
            for (String rule : ruleNames) {
                if (root.has(rule)) {
                    ValueExpr expr = compileValue(root.get(rule), "/" + rule);
                    if (expr != null) {
                        rules.put(rule, expr);
                    }
                } else if (required.contains(rule)) {
                    error("", "no rule for \"" + rule + "\", which a result mapping needs");
                }
            }
            if (!errors.isEmpty()) {
                throw new MappingException(errors);
            }
            return new RuleFile(name, file, List.copyOf(skips), java.util.Collections.unmodifiableMap(rules));
        }

        // ---- sections -------------------------------------------------------------------------------------

        private InputOptions compileInput(JsonNode node, String pointer) {
            if (node == null) {
                return InputOptions.DEFAULTS;
            }
            if (!node.isObject()) {
                error(pointer, "input must be a map (format, charset, csv, xml)");
                return InputOptions.DEFAULTS;
            }
            checkKeys(node, pointer, INPUT_KEYS, "input");
            InputFormat format = null;
            if (node.has("format")) {
                try {
                    format = InputFormat.parse(node.get("format").asText());
                } catch (IllegalArgumentException e) {
                    error(pointer + "/format", "unknown input format \"" + node.get("format").asText()
                            + "\" (json, ndjson, csv, xml)");
                }
            }
            Charset charset = StandardCharsets.UTF_8;
            if (node.has("charset")) {
                try {
                    charset = Charset.forName(node.get("charset").asText());
                } catch (RuntimeException e) {
                    error(pointer + "/charset", "unknown charset \"" + node.get("charset").asText() + "\"");
                }
            }
            Character delimiter = null;
            char quote = '"';
            JsonNode csv = node.get("csv");
            if (csv != null) {
                checkKeys(csv, pointer + "/csv", List.of("delimiter", "quote"), "csv");
                JsonNode declared = csv.get("delimiter");
                // auto (or no delimiter) detects the separator from the file
                if (declared != null && !declared.asText().equals("auto")) {
                    delimiter = singleChar(declared, pointer + "/csv/delimiter", ',');
                }
                quote = singleChar(csv.get("quote"), pointer + "/csv/quote", '"');
            }
            Set<String> lists = new LinkedHashSet<>();
            JsonNode xml = node.get("xml");
            if (xml != null) {
                checkKeys(xml, pointer + "/xml", List.of("lists"), "xml");
                JsonNode names = xml.path("lists");
                if (names.isArray()) {
                    names.forEach(n -> lists.add(n.asText()));
                } else if (!names.isMissingNode()) {
                    error(pointer + "/xml/lists", "lists is a list of element names");
                }
            }
            return new InputOptions(format, charset, delimiter, quote, Set.copyOf(lists));
        }

        private char singleChar(JsonNode node, String pointer, char fallback) {
            if (node == null) {
                return fallback;
            }
            String text = node.asText().equals("\\t") ? "\t" : node.asText();
            if (text.length() != 1) {
                error(pointer, "must be a single character, got \"" + text + "\"");
                return fallback;
            }
            return text.charAt(0);
        }

        private List<Mapping.SkipRule> compileSkips(JsonNode node, String pointer) {
            List<Mapping.SkipRule> skips = new ArrayList<>();
            if (node == null) {
                return skips;
            }
            if (!node.isArray()) {
                error(pointer, "skip is a list of {when: <condition>, reason: <text>}");
                return skips;
            }
            for (int i = 0; i < node.size(); i++) {
                JsonNode entry = node.get(i);
                String at = pointer + "/" + i;
                if (!entry.isObject() || !entry.has("when")) {
                    error(at, "a skip entry needs when: <condition> (and a reason)");
                    continue;
                }
                checkKeys(entry, at, List.of("when", "reason"), "a skip entry");
                Condition when = compileCondition(entry.get("when"), at + "/when");
                ValueExpr reason = entry.has("reason") ? compileTemplate(entry.get("reason").asText(), at + "/reason")
                        : new ValueExpr.Constant(Json.NODES.textNode("skipped by the mapping"));
                if (when != null) {
                    skips.add(new Mapping.SkipRule(when, reason));
                }
            }
            return skips;
        }

        private Map<String, ValueExpr> compileFields(JsonNode node, String pointer) {
            Map<String, ValueExpr> fields = new LinkedHashMap<>();
            if (node == null || !node.isObject()) {
                error(pointer.equals("/fields") && node == null ? "" : pointer,
                        "fields is required: a map from request field to where its value comes from");
                return fields;
            }
            List<String> known = CreateFromArrayContract.mappableFieldNames();
            Iterator<Map.Entry<String, JsonNode>> entries = node.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                String at = pointer + "/" + LocatedYaml.segment(entry.getKey());
                if (entry.getKey().equals("questions")) {
                    error(at, "questions are not a field: write them in the top-level questions section");
                    continue;
                }
                if (!known.contains(entry.getKey())) {
                    error(at, "unknown request field \"" + entry.getKey() + "\""
                            + Suggestions.didYouMean(entry.getKey(), known));
                    continue;
                }
                currentField = entry.getKey();
                ValueExpr expr = compileValue(entry.getValue(), at);
                if (expr != null) {
                    fields.put(entry.getKey(), expr);
                }
            }
            BUILT_IN_DEFAULTS.forEach((field, value) -> {
                if (!node.has(field)) {
                    currentField = field;
                    fields.put(field, compileValue(value, pointer));
                }
            });
            currentField = null;
            for (RequestField field : CreateFromArrayContract.FIELDS) {
                if (field.requirement().required(ValidationRules.SEED) && !field.name().equals("questions")
                        && !fields.containsKey(field.name()) && !node.has(field.name())) {
                    error(pointer, "no rule for \"" + field.name() + "\", which JobMojito requires: give it a path,"
                            + " a value or a default");
                }
            }
            return fields;
        }

        /** The fields of a mapping of a second kind ({@link #ofKind}): no built-in defaults, its own names. */
        private Map<String, ValueExpr> compileKindFields(JsonNode node, String pointer) {
            Map<String, ValueExpr> fields = new LinkedHashMap<>();
            if (node == null || !node.isObject()) {
                error(node == null ? "" : pointer, "fields is required: a map from field (" + String.join(", ",
                        kindFields) + ") to where its value comes from");
                return fields;
            }
            checkKeys(node, pointer, kindFields, "fields");
            for (String name : kindFields) {
                JsonNode spec = node.get(name);
                if (spec != null) {
                    currentField = name;
                    ValueExpr expr = compileValue(spec, pointer + "/" + LocatedYaml.segment(name));
                    if (expr != null) {
                        fields.put(name, expr);
                    }
                } else if (kindRequired.contains(name)) {
                    error(pointer, "no rule for \"" + name + "\", which is required: give it a path, a value or a "
                            + "default");
                }
            }
            currentField = null;
            return fields;
        }

        private Map<String, List<QuestionRule>> compileSets(JsonNode node, String pointer) {
            Map<String, List<QuestionRule>> sets = new LinkedHashMap<>();
            if (node == null) {
                return sets;
            }
            if (!node.isObject()) {
                error(pointer, "question_sets is a map from set name to a list of questions");
                return sets;
            }
            node.fields().forEachRemaining(entry -> {
                currentSet = entry.getKey();
                setIncludes.put(currentSet, new ArrayList<>());
                sets.put(entry.getKey(), compileQuestionList(entry.getValue(),
                        pointer + "/" + LocatedYaml.segment(entry.getKey()), false));
            });
            return sets;
        }

        private List<QuestionRule> compileQuestionList(JsonNode node, String pointer, boolean top) {
            List<QuestionRule> rules = new ArrayList<>();
            if (node == null) {
                if (top) {
                    error("", "questions is required: JobMojito needs at least one question per interview");
                }
                return rules;
            }
            if (!node.isArray() || node.isEmpty()) {
                error(pointer, "must be a non-empty list of questions");
                return rules;
            }
            for (int i = 0; i < node.size(); i++) {
                QuestionRule rule = compileQuestionEntry(node.get(i), pointer + "/" + i);
                if (rule != null) {
                    rules.add(rule);
                }
            }
            return rules;
        }

        private QuestionRule compileQuestionEntry(JsonNode entry, String pointer) {
            if (entry.isTextual()) {
                // a bare string is a question with that text
                ObjectNode expanded = Json.object();
                expanded.set("question", entry);
                return compileQuestionEntry(expanded, pointer);
            }
            if (!entry.isObject()) {
                error(pointer, "a question entry is a map: question, include, from or choose");
                return null;
            }
            Condition when = entry.has("when") ? compileCondition(entry.get("when"), pointer + "/when") : null;
            if (entry.has("question")) {
                List<String> keys = new ArrayList<>(CreateFromArrayContract.questionFieldNames());
                keys.add("when");
                checkKeys(entry, pointer, keys, "a question");
                Map<String, ValueExpr> fields = compileQuestionFields(entry, pointer);
                JsonNode id = entry.get("id");
                if (id != null && id.isValueNode() && !RecordPath.looksLikePath(id.asText())) {
                    String previous = declaredQuestionIds.putIfAbsent(id.asText(), pointer + "/id");
                    if (previous != null && currentSet == null) {
                        error(pointer + "/id", "question id \"" + id.asText() + "\" is already used at line "
                                + yaml.line(previous));
                    }
                }
                return new QuestionRule.Single(fields, when);
            }
            if (entry.has("include")) {
                checkKeys(entry, pointer, List.of("include", "when"), "an include");
                String set = entry.get("include").asText();
                includes.add(new String[] {set, pointer + "/include"});
                if (currentSet != null) {
                    setIncludes.get(currentSet).add(set);
                }
                return new QuestionRule.Include(set, when);
            }
            if (entry.has("from")) {
                checkKeys(entry, pointer, List.of("from", "item", "where", "when", "limit"), "a from entry");
                RecordPath items = compilePath(entry.get("from"), pointer + "/from");
                JsonNode item = entry.get("item");
                if (item == null || !item.isObject()) {
                    error(pointer, "from needs item: the question fields made from each element ($ is the element)");
                    return null;
                }
                List<String> keys = CreateFromArrayContract.questionFieldNames();
                checkKeys(item, pointer + "/item", keys, "a question item");
                if (!item.has("question")) {
                    error(pointer + "/item", "item needs question: where each element's question text comes from");
                }
                elementDepth++;
                Map<String, ValueExpr> fields = compileQuestionFields(item, pointer + "/item");
                Condition where = entry.has("where") ? compileCondition(entry.get("where"), pointer + "/where")
                        : null;
                elementDepth--;
                Integer limit = null;
                if (entry.has("limit")) {
                    if (!entry.get("limit").canConvertToInt() || entry.get("limit").intValue() < 1) {
                        error(pointer + "/limit", "limit must be a whole number of at least 1");
                    } else {
                        limit = entry.get("limit").intValue();
                    }
                }
                return items == null ? null : new QuestionRule.FromArray(items, fields, where, when, limit);
            }
            if (entry.has("choose")) {
                checkKeys(entry, pointer, List.of("choose"), "a choose entry");
                JsonNode cases = entry.get("choose");
                if (!cases.isArray() || cases.isEmpty()) {
                    error(pointer + "/choose", "choose is a list of {when: <condition>, include: <set>}");
                    return null;
                }
                List<QuestionRule.Case> compiled = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    JsonNode option = cases.get(i);
                    String at = pointer + "/choose/" + i;
                    if (!option.isObject() || !option.has("include")) {
                        error(at, "each choice needs include: <set> (and when:, except the last)");
                        continue;
                    }
                    checkKeys(option, at, List.of("when", "include"), "a choice");
                    String set = option.get("include").asText();
                    includes.add(new String[] {set, at + "/include"});
                    if (currentSet != null) {
                        setIncludes.get(currentSet).add(set);
                    }
                    Condition caseWhen = option.has("when") ? compileCondition(option.get("when"), at + "/when")
                            : null;
                    compiled.add(new QuestionRule.Case(caseWhen, set));
                }
                return new QuestionRule.Choose(compiled);
            }
            error(pointer, "a question entry needs question, include, from or choose"
                    + Suggestions.didYouMean(firstKey(entry), List.of("question", "include", "from", "choose")));
            return null;
        }

        private Map<String, ValueExpr> compileQuestionFields(JsonNode entry, String pointer) {
            Map<String, ValueExpr> fields = new LinkedHashMap<>();
            for (String name : CreateFromArrayContract.questionFieldNames()) {
                JsonNode spec = entry.get(name);
                if (spec != null) {
                    ValueExpr expr = compileValue(spec, pointer + "/" + name);
                    if (expr != null) {
                        fields.put(name, expr);
                    }
                    if (name.equals("conditional_question_main_id") && spec.isValueNode()
                            && !RecordPath.looksLikePath(spec.asText())) {
                        questionReferences.add(new String[] {spec.asText(), pointer + "/" + name});
                    }
                }
            }
            return fields;
        }

        // ---- values ---------------------------------------------------------------------------------------

        ValueExpr compileValue(JsonNode spec, String pointer) {
            if (spec == null || spec.isNull()) {
                error(pointer, "has no value: give a path ($.title), a value, or a map with path/value/template");
                return null;
            }
            if (spec.isTextual()) {
                String text = spec.textValue();
                return RecordPath.looksLikePath(text) ? pathExpr(text, pointer)
                        : new ValueExpr.Constant(interpolate(text));
            }
            if (spec.isValueNode()) {
                return new ValueExpr.Constant(spec);
            }
            if (spec.isArray()) {
                List<ValueExpr> elements = new ArrayList<>();
                for (int i = 0; i < spec.size(); i++) {
                    ValueExpr element = compileValue(spec.get(i), pointer + "/" + i);
                    if (element != null) {
                        elements.add(element);
                    }
                }
                return new ValueExpr.ListOf(elements);
            }
            checkKeys(spec, pointer, VALUE_KEYS, "a value rule");
            List<String> sources = new ArrayList<>();
            SOURCE_KEYS.forEach(key -> {
                if (spec.has(key)) {
                    sources.add(key);
                }
            });
            if (sources.size() > 1) {
                error(pointer, "use one of " + String.join(", ", SOURCE_KEYS) + "; this rule has "
                        + String.join(" and ", sources));
                return null;
            }
            ValueExpr base = null;
            if (sources.size() == 1) {
                String key = sources.get(0);
                String at = pointer + "/" + key;
                JsonNode source = spec.get(key);
                base = switch (key) {
                    case "path" -> source.isTextual() ? pathExpr(source.textValue(), at) : fail(at,
                            "path must be a JSONPath text such as $.title");
                    case "value" -> new ValueExpr.Constant(interpolateDeep(source));
                    case "template" -> source.isTextual() ? compileTemplate(source.textValue(), at)
                            : fail(at, "template must be a text such as \"{title} ({department})\"");
                    case "first" -> compileFirst(source, at);
                    case "list" -> source.isArray() ? compileValue(source, at)
                            : fail(at, "list is a list of paths or values whose results are put together");
                    case "object" -> compileObject(source, at);
                    case "env" -> new ValueExpr.Constant(variable(source.asText(), null));
                    case "from" -> compileSelect(spec, pointer);
                    default -> null;
                };
                if (base == null) {
                    return null;
                }
            } else if (spec.has("where") || spec.has("select")) {
                error(pointer, "where and select go with from: the list to select from");
                return null;
            } else if (!spec.has("when") && !spec.has("default")) {
                error(pointer, "needs one of " + String.join(", ", SOURCE_KEYS)
                        + Suggestions.didYouMean(firstKey(spec), SOURCE_KEYS));
                return null;
            }
            if (spec.has("transform") && base != null) {
                List<Transform> steps = compileTransforms(spec.get("transform"), pointer + "/transform");
                base = new ValueExpr.Transformed(base, steps);
            }
            ValueExpr result = base;
            if (spec.has("when")) {
                List<ValueExpr.Branch> branches = compileBranches(spec.get("when"), pointer + "/when");
                result = new ValueExpr.Conditional(branches, base);
            }
            if (spec.has("default")) {
                ValueExpr fallback = compileValue(spec.get("default"), pointer + "/default");
                if (fallback != null) {
                    result = result == null ? fallback : new ValueExpr.Defaulted(result, fallback);
                }
            }
            return result;
        }

        private ValueExpr fail(String pointer, String message) {
            error(pointer, message);
            return null;
        }

        private ValueExpr pathExpr(String text, String pointer) {
            RecordPath path = compilePath(Json.NODES.textNode(text), pointer);
            return path == null ? null : new ValueExpr.Path(path);
        }

        private ValueExpr compileSelect(JsonNode spec, String pointer) {
            RecordPath from = compilePath(spec.get("from"), pointer + "/from");
            elementDepth++;
            Condition where = spec.has("where") ? compileCondition(spec.get("where"), pointer + "/where") : null;
            ValueExpr select = spec.has("select") ? compileValue(spec.get("select"), pointer + "/select") : null;
            elementDepth--;
            return from == null ? null : new ValueExpr.Select(from, where, select);
        }

        private ValueExpr compileFirst(JsonNode source, String pointer) {
            if (!source.isArray() || source.isEmpty()) {
                error(pointer, "first is a list of paths or values to try in order");
                return null;
            }
            List<ValueExpr> options = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                ValueExpr option = compileValue(source.get(i), pointer + "/" + i);
                if (option != null) {
                    options.add(option);
                }
            }
            return new ValueExpr.First(options);
        }

        private ValueExpr compileObject(JsonNode source, String pointer) {
            if (!source.isObject()) {
                error(pointer, "object is a map from member name to its rule");
                return null;
            }
            Map<String, ValueExpr> members = new LinkedHashMap<>();
            source.fields().forEachRemaining(e -> {
                ValueExpr member = compileValue(e.getValue(), pointer + "/" + LocatedYaml.segment(e.getKey()));
                if (member != null) {
                    members.put(e.getKey(), member);
                }
            });
            return new ValueExpr.ObjectOf(members);
        }

        /**
         * {@code "{title}{? ({$.location.name})}"}: {@code {name}} is short for {@code {$.name}}; {@code {?…}} is an
         * optional part, left out when a path in it gives nothing; "{{" is a brace.
         */
        ValueExpr compileTemplate(String text, String pointer) {
            String source = interpolate(text).asText("");
            List<Object> parts = new ArrayList<>();
            int end = templateParts(source, 0, false, parts, text, pointer);
            return end < 0 ? null : new ValueExpr.Template(parts);
        }

        /**
         * Reads template parts from {@code at} to the end, or to the brace closing an optional part.
         *
         * @return where reading stopped (after the closing brace), or -1 after an error
         */
        private int templateParts(String source, int at, boolean optional, List<Object> parts, String text,
                                  String pointer) {
            StringBuilder literal = new StringBuilder();
            int i = at;
            while (i < source.length()) {
                char c = source.charAt(i);
                if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                } else if (c == '}' && i + 1 < source.length() && source.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                } else if (c == '}' && optional) {
                    flush(literal, parts);
                    return i + 1;
                } else if (c == '{' && i + 1 < source.length() && source.charAt(i + 1) == '?') {
                    flush(literal, parts);
                    List<Object> inner = new ArrayList<>();
                    int after = templateParts(source, i + 2, true, inner, text, pointer);
                    if (after < 0) {
                        return -1;
                    }
                    parts.add(new ValueExpr.Template.Optional(inner));
                    i = after;
                } else if (c == '{') {
                    int close = source.indexOf('}', i);
                    if (close < 0) {
                        error(pointer, "unclosed { in template \"" + text + "\" (write {{ for a brace)");
                        return -1;
                    }
                    String inside = source.substring(i + 1, close).trim();
                    RecordPath path = compilePath(Json.NODES.textNode(inside.startsWith("$") ? inside
                            : "$." + inside), pointer);
                    if (path == null) {
                        return -1;
                    }
                    flush(literal, parts);
                    parts.add(path);
                    i = close + 1;
                } else {
                    literal.append(c);
                    i++;
                }
            }
            if (optional) {
                error(pointer, "unclosed {? in template \"" + text + "\" (an optional part ends with })");
                return -1;
            }
            flush(literal, parts);
            return i;
        }

        private static void flush(StringBuilder literal, List<Object> parts) {
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
        }

        private List<ValueExpr.Branch> compileBranches(JsonNode node, String pointer) {
            List<ValueExpr.Branch> branches = new ArrayList<>();
            JsonNode list = node.isObject() ? Json.NODES.arrayNode().add(node) : node;
            if (!list.isArray()) {
                error(pointer, "when is a list of {if: <condition>, then: <value>}");
                return branches;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode branch = list.get(i);
                String at = node.isObject() ? pointer : pointer + "/" + i;
                if (!branch.isObject() || !branch.has("if") || !branch.has("then")) {
                    error(at, "each when branch needs if: <condition> and then: <value>");
                    continue;
                }
                checkKeys(branch, at, List.of("if", "then"), "a when branch");
                Condition condition = compileCondition(branch.get("if"), at + "/if");
                ValueExpr value = compileValue(branch.get("then"), at + "/then");
                if (condition != null && value != null) {
                    branches.add(new ValueExpr.Branch(condition, value));
                }
            }
            return branches;
        }

        List<Transform> compileTransforms(JsonNode node, String pointer) {
            List<Transform> steps = new ArrayList<>();
            JsonNode list = node.isArray() ? node : Json.NODES.arrayNode().add(node);
            for (int i = 0; i < list.size(); i++) {
                JsonNode step = list.get(i);
                String at = node.isArray() ? pointer + "/" + i : pointer;
                String name;
                JsonNode args = null;
                if (step.isTextual()) {
                    name = step.textValue();
                } else if (step.isObject() && step.size() == 1) {
                    name = step.fieldNames().next();
                    args = step.get(name);
                } else {
                    error(at, "a transform is a name (trim) or a one-key map ({truncate: 300})");
                    continue;
                }
                if (!Transform.NAMES.contains(name)) {
                    error(at, "unknown transform \"" + name + "\"" + Suggestions.didYouMean(name, Transform.NAMES));
                    continue;
                }
                try {
                    String spec = name + " " + args;
                    JsonNode stepArgs = args;
                    steps.add(stepsBySpec.computeIfAbsent(spec, key -> Transform.of(name, stepArgs)));
                } catch (IllegalArgumentException e) {
                    error(at, e.getMessage());
                }
            }
            return List.copyOf(steps);
        }

        // ---- conditions -----------------------------------------------------------------------------------

        Condition compileCondition(JsonNode node, String pointer) {
            if (node == null || !node.isObject()) {
                error(pointer, "a condition is a map: {path: ..., equals|matches|exists: ...} or any_of/all_of/not");
                return null;
            }
            checkKeys(node, pointer, CONDITION_KEYS, "a condition");
            if (node.has("any_of") || node.has("all_of")) {
                String key = node.has("any_of") ? "any_of" : "all_of";
                JsonNode list = node.get(key);
                if (!list.isArray() || list.isEmpty()) {
                    error(pointer + "/" + key, key + " is a non-empty list of conditions");
                    return null;
                }
                List<Condition> parts = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Condition part = compileCondition(list.get(i), pointer + "/" + key + "/" + i);
                    if (part != null) {
                        parts.add(part);
                    }
                }
                return key.equals("any_of") ? new Condition.AnyOf(parts) : new Condition.AllOf(parts);
            }
            if (node.has("not")) {
                Condition inner = compileCondition(node.get("not"), pointer + "/not");
                return inner == null ? null : new Condition.Not(inner);
            }
            if (!node.has("path")) {
                error(pointer, "a condition needs path (or any_of, all_of, not)");
                return null;
            }
            ValueExpr value = pathExpr(node.get("path").asText(), pointer + "/path");
            if (node.has("transform") && value != null) {
                value = new ValueExpr.Transformed(value, compileTransforms(node.get("transform"),
                        pointer + "/transform"));
            }
            int tests = (node.has("equals") ? 1 : 0) + (node.has("matches") ? 1 : 0) + (node.has("exists") ? 1 : 0);
            if (tests != 1) {
                error(pointer, "a condition on a path needs exactly one of equals, matches, exists");
                return null;
            }
            Condition.Test test;
            if (node.has("equals")) {
                JsonNode expected = node.get("equals");
                List<ValueExpr> candidates = new ArrayList<>();
                (expected.isArray() ? expected : Json.NODES.arrayNode().add(expected)).forEach(e ->
                        candidates.add(e.isTextual() && RecordPath.looksLikePath(e.textValue())
                                ? pathExpr(e.textValue(), pointer + "/equals")
                                : new ValueExpr.Constant(e.isTextual() ? interpolate(e.textValue()) : e)));
                test = new Condition.Test.Equals(candidates);
            } else if (node.has("matches")) {
                try {
                    test = new Condition.Test.Matches(MappingRegex.compile(node.get("matches").asText()));
                } catch (IllegalArgumentException e) {
                    error(pointer + "/matches", e.getMessage());
                    return null;
                }
            } else {
                if (!node.get("exists").isBoolean()) {
                    error(pointer + "/exists", "exists is true or false");
                    return null;
                }
                test = new Condition.Test.Exists(node.get("exists").booleanValue());
            }
            return value == null ? null : new Condition.OnPath(value, test);
        }

        // ---- paths, placeholders, checks ------------------------------------------------------------------

        RecordPath compilePath(JsonNode node, String pointer) {
            if (node == null || !node.isTextual()) {
                error(pointer, "must be a JSONPath text such as $.jobs[*]");
                return null;
            }
            try {
                RecordPath path = RecordPath.compile(node.textValue());
                if (path.scope() == RecordPath.Scope.DOCUMENT) {
                    readsDocument = true;
                }
                if (collectingMembers && (path.scope() == RecordPath.Scope.RECORD
                        || path.scope() == RecordPath.Scope.CURRENT && elementDepth == 0)) {
                    Matcher member = FIRST_MEMBER.matcher(path.text());
                    if (member.find()) {
                        String name = member.group(1) != null ? member.group(1) : member.group(2);
                        if (!name.equals("*")) { // $.* names no column
                            recordMembers.add(name);
                        }
                    }
                }
                return path;
            } catch (IllegalArgumentException e) {
                error(pointer, "invalid JSONPath \"" + node.textValue() + "\": " + e.getMessage());
                return null;
            }
        }

        /** Resolves {@code ${NAME}} and {@code ${NAME:-default}}; a text that resolves to nothing is absent. */
        JsonNode interpolate(String text) {
            if (text.indexOf("${") < 0) {
                return Json.NODES.textNode(text);
            }
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                JsonNode value = variable(matcher.group(1), matcher.group(2));
                matcher.appendReplacement(out, Matcher.quoteReplacement(value.asText("")));
            }
            matcher.appendTail(out);
            return out.isEmpty() ? MissingNode.getInstance() : Json.NODES.textNode(out.toString());
        }

        private JsonNode interpolateDeep(JsonNode value) {
            if (value.isTextual()) {
                return interpolate(value.textValue());
            }
            if (value.isArray()) {
                ArrayNode copy = Json.NODES.arrayNode();
                value.forEach(v -> copy.add(interpolateDeep(v)));
                return copy;
            }
            if (value.isObject()) {
                ObjectNode copy = Json.object();
                value.fields().forEachRemaining(e -> copy.set(e.getKey(), interpolateDeep(e.getValue())));
                return copy;
            }
            return value;
        }

        /**
         * What decides the requests this mapping makes besides the record: the build of the connector (its
         * mapping language), the file's rules as parsed (comments and layout aside) and every variable they read.
         */
        private byte[] definitionDigest(JsonNode root) {
            TreeDigest digest = TreeDigest.get().text(Mapping.BUILD).tree(root);
            variablesRead.forEach((variable, value) -> digest.text(variable).text(value));
            return digest.finish();
        }

        private JsonNode variable(String name, String fallback) {
            String value = environment.apply(name);
            variablesRead.put(name, value);
            if (value == null || value.isEmpty()) {
                if (fallback != null) {
                    return Json.NODES.textNode(fallback);
                }
                if (currentField != null) {
                    unsetVariables.putIfAbsent(currentField, name);
                }
                return MissingNode.getInstance();
            }
            return Json.NODES.textNode(value);
        }

        private void checkIncludes(Set<String> setNames) {
            for (String[] include : includes) {
                if (!setNames.contains(include[0])) {
                    error(include[1], "no question set named \"" + include[0] + "\" in question_sets"
                            + Suggestions.didYouMean(include[0], setNames));
                }
            }
            for (String set : setIncludes.keySet()) {
                if (reachesItself(set)) {
                    error("/question_sets/" + LocatedYaml.segment(set), "question set \"" + set
                            + "\" includes itself (directly or through other sets)");
                }
            }
        }

        private boolean reachesItself(String start) {
            Deque<String> pending = new ArrayDeque<>(setIncludes.getOrDefault(start, List.of()));
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String next = pending.pop();
                if (next.equals(start)) {
                    return true;
                }
                if (seen.add(next)) {
                    pending.addAll(setIncludes.getOrDefault(next, List.of()));
                }
            }
            return false;
        }

        private void checkQuestionReferences() {
            for (String[] reference : questionReferences) {
                if (!declaredQuestionIds.containsKey(reference[0])) {
                    error(reference[1], "no question has id \"" + reference[0] + "\""
                            + Suggestions.didYouMean(reference[0], declaredQuestionIds.keySet()));
                }
            }
        }

        private void checkKeys(JsonNode node, String pointer, List<String> allowed, String what) {
            if (!node.isObject()) {
                return;
            }
            node.fieldNames().forEachRemaining(key -> {
                if (!allowed.contains(key)) {
                    error(pointer + "/" + LocatedYaml.segment(key), "unknown key \"" + key + "\" in " + what
                            + Suggestions.didYouMean(key, allowed));
                }
            });
        }

        private String firstKey(JsonNode node) {
            Iterator<String> names = node.fieldNames();
            return names.hasNext() ? names.next() : "";
        }

        private void error(String pointer, String message) {
            errors.add(new MappingError(file, yaml.line(pointer), message));
        }
    }
}
