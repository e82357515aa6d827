package dev.jobmojito.connector.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The hand-written guesser {@code detect_language} used until issue 11 (word lists, marking letters and endings),
 * kept here only as the baseline {@link LanguageComparison} measures Lingua against. Not part of the connector.
 *
 * <p>Guesses the JobMojito language code of a posting from its text, for ATS exports that don't say their
 * language ({@code detect_language} transform). Non-Latin scripts decide by themselves; Latin-script text is
 * scored by common words of each language and by letters and endings only one language of a close group writes
 * (Portuguese ã and -ção, Spanish ñ and -ción, Czech ř ů ě, Slovak ľ ô, Danish and Norwegian æ ø against
 * Swedish).
 * Close languages JobMojito has no interviews in (Galician, Catalan, Slovenian, Serbian, Bosnian) are scored
 * too, so that their text is not taken for a neighbour's: when one of them wins, or the two best are close,
 * nothing is returned and the mapping's default applies. The interview language cannot be changed after
 * creation, so a mapping should prefer the ATS's own language field where it has one.
 */
final class WordListGuess {

    /** Words frequent in postings of one language; a word several languages share counts for each of them. */
    private static final Map<String, List<String>> FUNCTION_WORDS = Map.ofEntries(
            Map.entry("en", List.of("the", "and", "with", "you", "our", "will", "for", "your", "are", "we", "of")),
            Map.entry("de", List.of("und", "der", "die", "das", "mit", "wir", "für", "sie", "ihre", "du", "deine",
                    "bei", "ist", "eine", "auf")),
            Map.entry("fr", List.of("et", "les", "des", "vous", "nous", "une", "pour", "avec", "votre", "notre", "dans",
                    "est", "sur", "du", "de", "le", "la", "au", "aux", "vos", "nos", "sont", "être", "qui", "poste")),
            Map.entry("es", List.of("y", "los", "las", "para", "con", "una", "un", "nuestro", "nuestra", "nuestros",
                    "del", "al", "por", "que", "tu", "tus", "es", "de", "el", "la", "en", "más", "serás", "equipo",
                    "no", "se", "su", "sus", "trabajo", "experiencia", "ofrecemos", "buscamos", "también", "muy",
                    "pero", "este", "esta", "te", "lo", "como", "usted", "hasta")),
            Map.entry("it", List.of("e", "il", "per", "con", "una", "della", "nostro", "nostra", "che", "sono", "gli",
                    "di")),
            Map.entry("pt", List.of("e", "o", "os", "a", "as", "para", "com", "uma", "um", "nosso", "nossa", "nossos",
                    "você", "não", "do", "da", "dos", "das", "em", "no", "na", "nos", "nas", "de", "seu", "sua", "são",
                    "equipe", "equipa", "ao", "aos", "à", "às", "pelo", "pela", "também", "por", "trabalho",
                    "experiência", "mais", "ou", "como", "que", "é", "será", "vai", "oferecemos", "procuramos")),
            // Galician and Catalan: no interviews in them, scored so that they are not taken for Spanish or Portuguese
            Map.entry("gl", List.of("e", "o", "os", "a", "as", "unha", "un", "non", "coa", "co", "máis", "tamén",
                    "traballo", "experiencia", "ofrecemos", "buscamos", "da", "do", "das", "dos", "na", "no", "nas",
                    "nos", "polo", "pola", "para", "que", "noso", "nosa", "equipo", "en", "de", "ao", "á", "ás", "é",
                    "será", "persoa", "xa", "ou", "por")),
            Map.entry("ca", List.of("i", "el", "els", "la", "les", "amb", "per", "del", "dels", "que", "una", "un",
                    "és", "de", "en", "al", "als", "treball", "experiència", "oferim", "busquem", "nostre", "nostra",
                    "nostres", "també", "més", "teu", "teva", "seràs", "o", "si", "som", "pel", "pels")),
            Map.entry("nl", List.of("en", "de", "het", "een", "voor", "met", "wij", "jij", "jouw", "onze", "van", "bij",
                    "je")),
            Map.entry("pl", List.of("i", "w", "z", "na", "do", "się", "oraz", "dla", "jest", "naszego", "naszej", "nas",
                    "będziesz")),
            Map.entry("sv", List.of("och", "att", "för", "med", "vi", "du", "som", "är", "på", "din", "ditt", "vår",
                    "vårt", "våra", "till", "av", "inte", "några", "arbete", "arbetar", "medarbetare", "bli", "blir",
                    "söker", "erbjuder", "mellan", "genom", "dig", "vad", "ni", "vara", "jobb", "tjänst", "inom",
                    "även", "kommer", "erfarenhet", "ansvarig", "ett", "har", "eller", "hos", "samt", "kan", "vill")),
            Map.entry("da", List.of("og", "at", "for", "med", "vi", "du", "som", "er", "på", "din", "dit", "vores",
                    "til", "af", "ikke", "efter", "mere", "nogle", "arbejde", "arbejder", "medarbejder", "blive",
                    "bliver", "søger", "tilbyder", "mellem", "gennem", "dig", "hvad", "jeres", "være", "et", "har",
                    "eller", "hos", "samt", "kan", "vil", "erfaring", "ansvarlig", "stilling", "job", "os",
                    "mulighed", "taler", "meget", "laver", "gæster")),
            Map.entry("no", List.of("og", "at", "for", "med", "vi", "du", "som", "er", "på", "din", "ditt", "vår",
                    "vårt", "våre", "til", "av", "ikke", "etter", "mer", "noen", "arbeid", "arbeider", "medarbeider",
                    "bli", "blir", "søker", "tilbyr", "mellom", "gjennom", "deg", "hva", "dere", "være", "et", "har",
                    "eller", "hos", "samt", "kan", "vil", "erfaring", "ansvarlig", "stilling", "jobb", "jobber",
                    "oss", "mulighet", "snakker", "veldig", "gjester")),
            Map.entry("fi", List.of("ja", "on", "että", "sinä", "meidän", "kanssa", "työ", "olet", "tai")),
            Map.entry("cs", List.of("a", "v", "se", "na", "pro", "jsme", "naše", "našeho", "naši", "máte", "práce",
                    "je", "ve", "že", "nebo", "jako", "který", "která", "které", "při", "zkušenosti", "nabízíme",
                    "hledáme", "budete", "vaše", "společnost", "také", "do", "za", "týmu", "pracovní", "zboží")),
            Map.entry("sk", List.of("a", "v", "sa", "na", "pre", "sme", "naša", "naše", "nášho", "máte", "práca",
                    "je", "vo", "že", "alebo", "ako", "ktorý", "ktorá", "ktoré", "pri", "skúsenosti", "ponúkame",
                    "hľadáme", "budete", "vaše", "spoločnosť", "tiež", "aj", "do", "za", "tímu", "pracovná",
                    "tovaru")),
            Map.entry("hu", List.of("és", "a", "az", "hogy", "egy", "vagy", "vagyunk", "munka", "számára")),
            Map.entry("ro", List.of("și", "de", "în", "pentru", "cu", "noi", "este", "vei", "echipa")),
            // Croatian against Serbian (Latin script), Bosnian and Slovenian: ijekavian forms and the words that
            // differ (plaća/plata, tijekom/tokom, suradnja/saradnja, tko/ko); only Croatian has interviews
            Map.entry("hr", List.of("i", "u", "na", "za", "s", "smo", "naš", "je", "rad", "tko", "što", "tijekom",
                    "plaća", "plaću", "suradnja", "suradnju", "tvrtka", "tvrtke", "tvrtki", "uvjeti", "uvjete",
                    "mjesto", "mjesta", "vrijeme", "sudjelovati", "tjedno", "mjesečno", "smjena", "smjene",
                    "smjenama", "bit", "ćete", "ili", "te", "kao", "koji", "koja", "koje", "vaš", "naša", "naše",
                    "narudžbi", "skladištara", "sati", "djelatnik", "djelatnika", "radnog", "iskustva", "kuhar",
                    "daljnjeg", "daljnje", "tisuća", "kruh")),
            Map.entry("sr", List.of("i", "u", "na", "za", "sa", "smo", "naš", "je", "rad", "ko", "šta", "tokom",
                    "plata", "platu", "saradnja", "saradnju", "preduzeće", "preduzeća", "kompanija", "uslovi",
                    "uslove", "mesto", "mesta", "vreme", "učestvovati", "nedeljno", "mesečno", "smena", "smene",
                    "smenama", "bićete", "ćete", "ili", "kao", "koji", "koja", "koje", "vaš", "naša", "naše",
                    "porudžbina", "magacionera", "sati", "zaposleni", "radnog", "iskustva", "kuvar", "daljeg",
                    "hiljada", "hleb")),
            Map.entry("sl", List.of("in", "je", "za", "ki", "bo", "boste", "na", "v", "z", "s", "smo", "pri", "ter",
                    "delo", "podjetje", "podjetja", "izkušnje", "vas", "vaše", "naše", "naš", "ali", "kot", "da",
                    "iščemo", "nudimo", "delovno", "delovnem", "izmenah", "pripravo", "naročil", "odgovorni")),
            Map.entry("tr", List.of("ve", "bir", "için", "ile", "bu", "olarak", "biz", "sen", "ekibimiz")),
            Map.entry("id", List.of("dan", "yang", "untuk", "dengan", "kami", "anda", "di", "ini", "akan")));

    /** Languages scored only so that their text is not taken for a neighbour's: JobMojito has no interviews in them. */
    private static final java.util.Set<String> NOT_GUESSED = java.util.Set.of("gl", "ca", "sr", "sl");

    /** Letters only one language of a close group writes: each one found counts as a word of that language. */
    private static final Map<Integer, String> MARK_LETTERS = Map.ofEntries(
            Map.entry((int) 'ã', "pt"), Map.entry((int) 'õ', "pt"),
            Map.entry((int) 'ñ', "es"), Map.entry((int) '¿', "es"), Map.entry((int) '¡', "es"),
            Map.entry((int) 'ř', "cs"), Map.entry((int) 'ů', "cs"), Map.entry((int) 'ě', "cs"),
            Map.entry((int) 'ľ', "sk"), Map.entry((int) 'ĺ', "sk"), Map.entry((int) 'ŕ', "sk"),
            Map.entry((int) 'ô', "sk"),
            Map.entry((int) 'æ', "da no"), Map.entry((int) 'ø', "da no"));

    /** Word endings of one language of a close group, counted once per word. */
    private static final List<String[]> MARK_ENDINGS = List.of(
            new String[] {"ção", "pt"}, new String[] {"ções", "pt"}, new String[] {"ão", "pt"},
            new String[] {"ción", "es gl"}, new String[] {"ciones", "es"}, new String[] {"cións", "gl"},
            new String[] {"ció", "ca"}, new String[] {"cions", "ca"});

    /** Each function word with the languages it belongs to, so a word is looked up once. */
    private static final Map<String, List<String>> LANGUAGES_BY_WORD = byWord();

    private static final int MIN_HITS = 3;

    private WordListGuess() {
    }

    /** The JobMojito code of the text's language, or null when unclear or a language JobMojito does not have. */
    static String guess(String text) {
        String byScript = byScript(text);
        if (byScript != null) {
            return byScript.isEmpty() ? null : byScript;
        }
        Map<String, Integer> scores = new HashMap<>();
        // words are the runs of letters of the lower-cased text
        String lower = text.toLowerCase(Locale.ROOT);
        int wordStart = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean letter = cp < 128 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') : Character.isLetter(cp);
            // every marking letter is beyond ASCII: most of a text needs no lookup
            String marked = cp < 128 ? null : MARK_LETTERS.get(cp);
            if (marked != null) {
                addAll(scores, marked);
            }
            if (letter && wordStart < 0) {
                wordStart = i;
            } else if (!letter && wordStart >= 0) {
                String word = lower.substring(wordStart, i);
                List<String> languages = LANGUAGES_BY_WORD.get(word);
                if (languages != null) {
                    for (String language : languages) {
                        scores.merge(language, 1, Integer::sum);
                    }
                }
                for (String[] ending : MARK_ENDINGS) {
                    if (word.length() > ending[0].length() + 1 && word.endsWith(ending[0])) {
                        addAll(scores, ending[1]);
                        break;
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
        // clear evidence only: enough words, and ahead of the next language by two words and a seventh (close
        // languages share most of their function words, so what tells them apart is the difference; a near tie
        // gives no guess rather than the wrong one)
        boolean clear = bestScore >= MIN_HITS && bestScore - second >= 2 && bestScore * 7 >= second * 8;
        return clear && !NOT_GUESSED.contains(best) ? best : null;
    }

    private static void addAll(Map<String, Integer> scores, String languages) {
        for (String language : languages.split(" ")) {
            scores.merge(language, 1, Integer::sum);
        }
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

    /** The language a non-Latin script decides, "" when it decides there is no guess, null for Latin text. */
    private static String byScript(String text) {
        int latin = 0;
        Map<String, Integer> scripts = new HashMap<>();
        int ukrainian = 0;
        int russian = 0;
        int hardSign = 0;
        int serbian = 0;
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
                case 'ђ', 'ј', 'љ', 'њ', 'ћ', 'џ', 'ѓ', 'ќ', 'ѕ' -> serbian++;
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
            // Serbian and Macedonian (ђ ј љ њ ћ џ, ѓ ќ ѕ) have no interviews: no guess rather than Russian.
            // Ukrainian has і, ї, є, ґ; Russian has ы, э, ё; Bulgarian has neither and uses ъ as a vowel
            if (serbian > 0 && ukrainian == 0 && russian == 0) {
                return "";
            }
            return ukrainian > 0 ? "uk" : russian > 0 ? "ru" : hardSign > 0 ? "bg" : "ru";
        }
        return dominant;
    }
}
