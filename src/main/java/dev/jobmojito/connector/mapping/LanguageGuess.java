package dev.jobmojito.connector.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Guesses the JobMojito language code of a posting from its text, for ATS exports that don't say their
 * language ({@code detect_language} transform). Non-Latin scripts decide by themselves; Latin-script text is
 * scored by common function words of each language. The guess is only given when the evidence is clear; otherwise
 * nothing is returned, so the mapping's default applies. The interview language cannot be changed after
 * creation, so a mapping should prefer the ATS's own language field where it has one.
 */
final class LanguageGuess {

    /** Words frequent in postings of one language and rare in the others. */
    private static final Map<String, List<String>> FUNCTION_WORDS = Map.ofEntries(
            Map.entry("en", List.of("the", "and", "with", "you", "our", "will", "for", "your", "are", "we", "of")),
            Map.entry("de", List.of("und", "der", "die", "das", "mit", "wir", "für", "sie", "ihre", "du", "deine",
                    "bei", "ist", "eine", "auf")),
            Map.entry("fr", List.of("et", "les", "des", "vous", "nous", "une", "pour", "avec", "votre", "notre", "dans",
                    "est", "sur", "du", "de", "le", "la", "au", "aux", "vos", "nos", "sont", "être", "qui", "poste")),
            Map.entry("es", List.of("y", "los", "las", "para", "con", "una", "nuestro", "nuestra", "del", "por", "que",
                    "tu", "es", "de", "el", "la", "en", "más", "tus", "serás", "equipo")),
            Map.entry("it", List.of("e", "il", "per", "con", "una", "della", "nostro", "nostra", "che", "sono", "gli",
                    "di")),
            Map.entry("pt", List.of("e", "os", "as", "para", "com", "uma", "nosso", "nossa", "você", "não", "do", "da",
                    "em", "de", "o", "seu", "sua", "são", "equipe")),
            Map.entry("nl", List.of("en", "de", "het", "een", "voor", "met", "wij", "jij", "jouw", "onze", "van", "bij",
                    "je")),
            Map.entry("pl", List.of("i", "w", "z", "na", "do", "się", "oraz", "dla", "jest", "naszego", "naszej", "nas",
                    "będziesz")),
            Map.entry("sv", List.of("och", "att", "för", "med", "vi", "du", "som", "är", "på", "din", "vår")),
            Map.entry("da", List.of("og", "at", "for", "med", "vi", "du", "som", "er", "på", "din", "vores", "til")),
            Map.entry("no", List.of("og", "at", "for", "med", "vi", "du", "som", "er", "på", "din", "vår", "til",
                    "ikke")),
            Map.entry("fi", List.of("ja", "on", "että", "sinä", "meidän", "kanssa", "työ", "olet", "tai")),
            Map.entry("cs", List.of("a", "v", "se", "na", "pro", "jsme", "naše", "máte", "práce", "je")),
            Map.entry("sk", List.of("a", "v", "sa", "na", "pre", "sme", "naša", "máte", "práce", "je")),
            Map.entry("hu", List.of("és", "a", "az", "hogy", "egy", "vagy", "vagyunk", "munka", "számára")),
            Map.entry("ro", List.of("și", "de", "în", "pentru", "cu", "noi", "este", "vei", "echipa")),
            Map.entry("hr", List.of("i", "u", "na", "za", "s", "smo", "naš", "je", "rad")),
            Map.entry("tr", List.of("ve", "bir", "için", "ile", "bu", "olarak", "biz", "sen", "ekibimiz")),
            Map.entry("id", List.of("dan", "yang", "untuk", "dengan", "kami", "anda", "di", "ini", "akan")));

    /** Each function word with the languages it belongs to, so a word is looked up once. */
    private static final Map<String, List<String>> LANGUAGES_BY_WORD = byWord();

    private static final int MIN_HITS = 3;

    private LanguageGuess() {
    }

    /** The JobMojito code of the text's language, or null when unclear. */
    static String guess(String text) {
        String byScript = byScript(text);
        if (byScript != null) {
            return byScript;
        }
        Map<String, Integer> scores = new HashMap<>();
        // words are the runs of letters of the lower-cased text
        String lower = text.toLowerCase(Locale.ROOT);
        int wordStart = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean letter = cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') : Character.isLetter(cp);
            if (letter && wordStart < 0) {
                wordStart = i;
            } else if (!letter && wordStart >= 0) {
                List<String> languages = LANGUAGES_BY_WORD.get(lower.substring(wordStart, i));
                if (languages != null) {
                    for (String language : languages) {
                        scores.merge(language, 1, Integer::sum);
                    }
                }
                wordStart = -1;
            }
            i += i < lower.length() ? Character.charCount(cp) : 1;
        }
        String best = null;
        int bestScore = 0;
        int second = 0;
        for (Map.Entry<String, Integer> score : scores.entrySet()) {
            if (score.getValue() > bestScore) {
                second = bestScore;
                bestScore = score.getValue();
                best = score.getKey();
            } else if (score.getValue() > second) {
                second = score.getValue();
            }
        }
        // clear evidence only: enough words, and well ahead of the next language (Danish and Norwegian share
        // most function words; a near tie gives no guess rather than the wrong one)
        return bestScore >= MIN_HITS && bestScore * 10 >= second * 13 ? best : null;
    }

    private static Map<String, List<String>> byWord() {
        Map<String, List<String>> byWord = new HashMap<>();
        FUNCTION_WORDS.forEach((language, words) -> {
            for (String word : new java.util.LinkedHashSet<>(words)) {
                byWord.computeIfAbsent(word, w -> new java.util.ArrayList<>()).add(language);
            }
        });
        byWord.replaceAll((word, languages) -> List.copyOf(languages));
        return Map.copyOf(byWord);
    }

    private static String byScript(String text) {
        int latin = 0;
        Map<String, Integer> scripts = new HashMap<>();
        int ukrainian = 0;
        int russian = 0;
        int hardSign = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 128) {
                // ASCII, most of a Latin-script posting: a letter is Latin and no Cyrillic
                if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
                    latin++;
                }
                continue;
            }
            if (!Character.isLetter(cp)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            String code = switch (script) {
                case HIRAGANA, KATAKANA -> "ja";
                case HANGUL -> "ko";
                case HAN -> "zh";
                case CYRILLIC -> "cyrillic";
                case GREEK -> "el";
                case ARABIC -> "ar";
                case THAI -> "th";
                case DEVANAGARI -> "hi";
                case TAMIL -> "ta";
                default -> null;
            };
            if (script == Character.UnicodeScript.LATIN) {
                latin++;
            }
            if (code != null) {
                scripts.merge(code, 1, Integer::sum);
            }
            switch (Character.toLowerCase(cp)) {
                case 'і', 'ї', 'є', 'ґ' -> ukrainian++;
                case 'ы', 'э', 'ё' -> russian++;
                case 'ъ' -> hardSign++;
                default -> {
                    // other letters tell the Cyrillic languages apart no further
                }
            }
        }
        if (scripts.isEmpty()) {
            return null;
        }
        // Japanese mixes kana with Han characters: any kana makes it Japanese
        String dominant = scripts.containsKey("ja") ? "ja" : scripts.entrySet().stream()
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        if (scripts.get(dominant) <= latin) {
            return null;
        }
        if (dominant.equals("cyrillic")) {
            // Ukrainian has і, ї, є, ґ; Russian has ы, э, ё; Bulgarian has neither and uses ъ as a vowel
            return ukrainian > 0 ? "uk" : russian > 0 ? "ru" : hardSign > 0 ? "bg" : "ru";
        }
        return dominant;
    }
}
