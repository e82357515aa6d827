package dev.jobmojito.connector.mapping;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Guesses the JobMojito language code of a posting from its text ({@code detect_language} transform), with the
 * Lingua library (low-accuracy mode: trigram models, about 50 MB of heap once loaded).
 *
 * <p>In: plain text. Out: one of JobMojito's codes (jobmojito-api.md §1.5), or null when unsure. Never fails.
 *
 * <p>Rules, and where they come from (issue 11, "Language guessing"; the comparison with the hand-written guesser
 * this replaced is in {@code mappings/README.md}):
 * <ul>
 *   <li>Lingua is asked only about JobMojito's languages and the close ones it has no interviews in (Catalan,
 *       Serbian, Bosnian, Slovene, Macedonian), so that their text is not taken for a neighbour's: when one of
 *       those wins, there is no guess. Lingua has no Galician model and takes Galician for Spanish or Portuguese:
 *       a Portuguese or Spanish guess for a text with two or more words only Galician writes ({@code unha},
 *       {@code traballo}, {@code tamén}, ...) is no guess.</li>
 *   <li>When unsure, no guess, so the mapping's default applies: the interview language cannot be changed after
 *       creation. Unsure means the best JobMojito code is less than {@value #MIN_DISTANCE} of confidence ahead of
 *       the next (Bokmål and Nynorsk are both {@code no}: the closer of the two counts).</li>
 *   <li>Lingua does not tell Brazilian ({@code br}) from European Portuguese ({@code pt}), which JobMojito
 *       interviews in separately; taking a Brazilian posting for {@code pt} was the one wrong guess left on our
 *       corpus. A Portuguese text is {@code br} when it holds words or spellings only Brazilian writes
 *       ({@code você}, {@code equipe}, {@code contato}, {@code ônibus}, {@code vale-transporte},
 *       {@code telefônico}, ...) and none only European writes ({@code equipa}, {@code contacto}, {@code registo},
 *       {@code carta de condução}, the {@code tu} forms {@code tens}, {@code podes}, {@code telefónico}, ...),
 *       {@code pt} the other way round, and no guess with neither or both. The spellings: before {@code m} or
 *       {@code n} and a vowel, European writes the open {@code é}, {@code ó} ({@code económico}, {@code prémio})
 *       where Brazilian writes {@code ê}, {@code ô} ({@code econômico}, {@code prêmio}); the 1990 spelling
 *       agreement keeps both. A mapping whose ATS says which one should use that field.</li>
 * </ul>
 * The models are loaded on the first guess (a few seconds), never when no mapping uses {@code detect_language}.
 */
final class LanguageGuess {

    /** Confidence the best code must have over the next one (Lingua scales the best language's to 1). */
    static final double MIN_DISTANCE = 0.1;

    /** Lingua's languages with their JobMojito code; null for the close languages JobMojito has no interviews in. */
    static final Map<Language, String> CODES = codes();

    /** Words Galician writes and neither Portuguese nor Spanish does. */
    private static final java.util.Set<String> GALICIAN = java.util.Set.of("unha", "unhas", "coa", "coas", "non",
            "tamén", "xa", "moi", "máis", "traballo", "traballar", "traballarás", "persoa", "persoas", "polo",
            "pola", "noso", "nosa", "nosos", "nosas", "quendas", "hostalaría", "mércores", "xoves", "venres");

    private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("[^\\p{L}]+");

    private LanguageGuess() {
    }

    /** Built on first use: the models are read then. */
    private static final class Detector {
        static final LanguageDetector INSTANCE = LanguageDetectorBuilder
                .fromLanguages(CODES.keySet().toArray(Language[]::new)).withLowAccuracyMode().build();
    }

    /** The JobMojito code of the text's language, or null when unclear or a language JobMojito does not have. */
    static String guess(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, Double> byCode = new HashMap<>();
        Detector.INSTANCE.computeLanguageConfidenceValues(text).forEach((language, confidence) -> {
            String code = CODES.get(language);
            // the languages without interviews keep a key of their own, so that one of them can win
            byCode.merge(code != null ? code : "-" + language.name(), confidence, Math::max);
        });
        String best = null;
        double first = 0;
        double second = 0;
        for (Map.Entry<String, Double> entry : byCode.entrySet()) {
            if (entry.getValue() > first) {
                second = first;
                first = entry.getValue();
                best = entry.getKey();
            } else if (entry.getValue() > second) {
                second = entry.getValue();
            }
        }
        if (best == null || best.startsWith("-") || first - second < MIN_DISTANCE) {
            return null;
        }
        if ((best.equals("pt") || best.equals("es")) && looksGalician(text)) {
            return null;
        }
        return best.equals("pt") ? portugueseVariant(text) : best;
    }

    /** Words and phrases only Brazilian Portuguese writes in job texts (the European word in the comment). */
    private static final java.util.List<String> BRAZILIAN = java.util.List.of("você", "vocês", // tu, o senhor
            "equipe", "contato", "contatos", "registro", "cadastro", "cadastre", // equipa, contacto, registo
            "celular", "ônibus", "trem", "estoque", "usuário", "usuários", "tela", // telemóvel, autocarro, stock
            "vale transporte", "vale refeição", "vale alimentação", "plano de saúde", "carteira assinada", "clt",
            "cnh", "ensino médio", "estamos contratando", "estamos buscando", "estamos procurando", "home office");

    /** Words and phrases only European Portuguese writes in job texts (the Brazilian word in the comment). */
    private static final java.util.List<String> EUROPEAN = java.util.List.of("equipa", "equipas", // equipe
            "contacto", "contactos", "contactar", "registo", "registos", "telemóvel", "autocarro", "comboio",
            "utilizador", "utilizadores", "ecrã", "ficheiro", "ficheiros", "carta de condução", "receção",
            "subsídio de alimentação", "subsídio de férias", "contrato sem termo", "estamos à procura",
            "ensino secundário", "pequeno almoço", "casa de banho", "facto", "acção", "direcção", "óptimo",
            "tens", "podes", "queres", "gostas", "procuras"); // tu forms: Brazilian job texts say você

    private static final java.util.regex.Pattern EUROPEAN_SPELLING = java.util.regex.Pattern.compile("[éó][mn][aeiou]");
    private static final java.util.regex.Pattern BRAZILIAN_SPELLING = java.util.regex.Pattern.compile("[êô][mn][aeiou]");

    /** {@code br} or {@code pt} for a Portuguese text whose words say which, else null (see the class notes). */
    private static String portugueseVariant(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        String words = " " + String.join(" ", WORDS.split(lower)) + " ";
        boolean brazilian = BRAZILIAN_SPELLING.matcher(lower).find()
                || BRAZILIAN.stream().anyMatch(w -> words.contains(" " + w + " "));
        boolean european = EUROPEAN_SPELLING.matcher(lower).find()
                || EUROPEAN.stream().anyMatch(w -> words.contains(" " + w + " "));
        return brazilian == european ? null : brazilian ? "br" : "pt";
    }

    private static boolean looksGalician(String text) {
        long hits = WORDS.splitAsStream(text.toLowerCase(java.util.Locale.ROOT)).filter(GALICIAN::contains)
                .distinct().count();
        return hits >= 2;
    }

    private static Map<Language, String> codes() {
        Map<Language, String> codes = new LinkedHashMap<>();
        codes.put(Language.ARABIC, "ar");
        codes.put(Language.BULGARIAN, "bg");
        codes.put(Language.CHINESE, "zh");
        codes.put(Language.CROATIAN, "hr");
        codes.put(Language.CZECH, "cs");
        codes.put(Language.DANISH, "da");
        codes.put(Language.DUTCH, "nl");
        codes.put(Language.ENGLISH, "en");
        codes.put(Language.TAGALOG, "fil");
        codes.put(Language.FINNISH, "fi");
        codes.put(Language.FRENCH, "fr");
        codes.put(Language.GERMAN, "de");
        codes.put(Language.GREEK, "el");
        codes.put(Language.HINDI, "hi");
        codes.put(Language.HUNGARIAN, "hu");
        codes.put(Language.INDONESIAN, "id");
        codes.put(Language.ITALIAN, "it");
        codes.put(Language.JAPANESE, "ja");
        codes.put(Language.KOREAN, "ko");
        codes.put(Language.MALAY, "ms");
        codes.put(Language.BOKMAL, "no");
        codes.put(Language.NYNORSK, "no");
        codes.put(Language.POLISH, "pl");
        codes.put(Language.PORTUGUESE, "pt");
        codes.put(Language.ROMANIAN, "ro");
        codes.put(Language.RUSSIAN, "ru");
        codes.put(Language.SLOVAK, "sk");
        codes.put(Language.SPANISH, "es");
        codes.put(Language.SWEDISH, "sv");
        codes.put(Language.TAMIL, "ta");
        codes.put(Language.THAI, "th");
        codes.put(Language.TURKISH, "tr");
        codes.put(Language.UKRAINIAN, "uk");
        codes.put(Language.VIETNAMESE, "vi");
        for (Language close : new Language[] {Language.CATALAN, Language.SERBIAN, Language.BOSNIAN,
            Language.SLOVENE, Language.MACEDONIAN}) {
            codes.put(close, null);
        }
        return java.util.Collections.unmodifiableMap(codes);
    }
}
