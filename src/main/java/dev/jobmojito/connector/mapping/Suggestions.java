package dev.jobmojito.connector.mapping;

import java.util.Collection;

/** "Did you mean ...?" for misspelt keys, field names and transform names. */
public final class Suggestions {

    private Suggestions() {
    }

    /** {@code "; did you mean \"name\"?"} when a candidate is close enough, otherwise an empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        String best = closest(input, candidates);
        return best == null ? "" : "; did you mean \"" + best + "\"?";
    }

    public static String closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lowered = input.toLowerCase();
        for (String candidate : candidates) {
            int distance = distance(lowered, candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(2, input.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Optimal string alignment distance: Levenshtein plus swapped neighbours ("nmae" is one step from "name"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
