package dev.jobmojito.connector.mapping;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The hand-written guesser {@code detect_language} had until issue 11 ({@link WordListGuess}) against the Lingua
 * one that replaced it ({@link LanguageGuess}) on {@code src/test/resources/language/all-languages.txt}: right / wrong / no guess
 * per language, the heap after loading and the time per text. Run with
 * {@code mvn -B -Plangcompare -DskipTests test-compile exec:exec@langcompare} (a 256 MB heap); the table goes to
 * {@code mappings/README.md} by hand.
 *
 * <p>In: the corpus file ({@code CORPUS} names another in the same folder). Out: a Markdown table and the texts
 * either got wrong, on standard output. Not part of the test suite: the old guesser is not part of the connector.
 */
public final class LanguageComparison {

    private LanguageComparison() {
    }

    public static void main(String[] args) throws Exception {
        List<String[]> corpus = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/language", System.getenv().getOrDefault("CORPUS", "all-languages.txt")))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] parts = line.split("\\|", 2);
                corpus.add(new String[] {parts[0].strip(), parts[1]});
            }
        }
        long start = System.nanoTime();
        LanguageGuess.guess("Lingua loads its models on the first guess"); // timed apart from the guesses
        long loadMs = (System.nanoTime() - start) / 1_000_000;
        Function<String, String> library = LanguageGuess::guess;
        Function<String, String> ours = WordListGuess::guess;
        Map<String, int[]> oursTable = score(corpus, ours);
        Map<String, int[]> linguaTable = score(corpus, library);
        System.gc();
        long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
        System.out.printf(Locale.ROOT, "Lingua 1.2.2 low accuracy, minimum distance " + LanguageGuess.MIN_DISTANCE
                + ", %d languages: loaded in %d ms, heap after GC %d MB (max %d MB); per text: word lists %.3f ms, "
                + "Lingua %.3f ms%n%n", LanguageGuess.CODES.size(), loadMs, heapMb,
                Runtime.getRuntime().maxMemory() / (1024 * 1024), perText(corpus, ours), perText(corpus, library));
        System.out.println("| Language | Texts | Ours right / wrong / none | Lingua right / wrong / none |");
        System.out.println("|---|---:|---|---|");
        int[] oursAll = new int[4];
        int[] linguaAll = new int[4];
        for (String language : oursTable.keySet()) {
            int[] a = oursTable.get(language);
            int[] b = linguaTable.get(language);
            System.out.printf("| %s | %d | %d / %d / %d | %d / %d / %d |%n", language, a[3], a[0], a[1], a[2],
                    b[0], b[1], b[2]);
            for (int i = 0; i < 4; i++) {
                oursAll[i] += a[i];
                linguaAll[i] += b[i];
            }
        }
        System.out.printf("| all | %d | %d / %d / %d | %d / %d / %d |%n", oursAll[3], oursAll[0], oursAll[1],
                oursAll[2], linguaAll[0], linguaAll[1], linguaAll[2]);
        System.out.println();
        for (String[] row : corpus) {
            String a = ours.apply(row[1]);
            String b = library.apply(row[1]);
            if (!Objects.equals(a, expected(row)) || !Objects.equals(b, expected(row))) {
                System.out.printf("%s: ours %s, Lingua %s: %s%n", row[0], a, b, row[1]);
            }
        }
    }

    private static String expected(String[] row) {
        return row[0].equals("none") ? null : row[0];
    }

    /** Per language: {right, wrong, no guess, texts}. */
    private static Map<String, int[]> score(List<String[]> corpus, Function<String, String> guesser) {
        Map<String, int[]> table = new LinkedHashMap<>();
        for (String[] row : corpus) {
            int[] counts = table.computeIfAbsent(row[0], k -> new int[4]);
            String guess = guesser.apply(row[1]);
            counts[3]++;
            if (Objects.equals(guess, expected(row))) {
                counts[0]++;
            } else if (guess == null) {
                counts[2]++;
            } else {
                counts[1]++;
            }
        }
        return table;
    }

    private static double perText(List<String[]> corpus, Function<String, String> guesser) {
        for (int warm = 0; warm < 20; warm++) {
            corpus.forEach(row -> guesser.apply(row[1]));
        }
        long start = System.nanoTime();
        int rounds = 50;
        for (int round = 0; round < rounds; round++) {
            corpus.forEach(row -> guesser.apply(row[1]));
        }
        return (System.nanoTime() - start) / 1e6 / rounds / corpus.size();
    }
}
