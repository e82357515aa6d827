package dev.jobmojito.connector.mapping;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * The regular expressions mapping authors write ({@code matches}, {@code replace}, {@code extract}), compiled with
 * RE2/J: matching takes time linear in the text whatever the pattern, so no pattern and no posting can hang a
 * worker (java.util.regex backtracks: {@code (a+)+$} against 60 characters runs for hours). RE2 leaves out the
 * two features that need backtracking, backreferences and lookaround; a pattern using them is refused with a
 * message saying so. The connector's own fixed patterns stay java.util.regex.
 */
final class MappingRegex {

    private MappingRegex() {
    }

    /**
     * Compiles a mapping author's pattern.
     *
     * @param pattern the regular expression as written in the mapping
     * @return the compiled pattern
     * @throws IllegalArgumentException saying what is wrong: the RE2 syntax error, and for a backreference or
     *                                  lookaround that RE2/J refuses them, why, and what to write instead
     */
    static Pattern compile(String pattern) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(explain(pattern, e));
        }
    }

    private static String explain(String pattern, PatternSyntaxException e) {
        String refused = refusedFeature(pattern);
        if (refused != null) {
            return "regular expression \"" + pattern + "\" uses " + refused + ", which the connector's linear-time"
                    + " regex engine (RE2/J) refuses: those need backtracking, and a backtracking pattern can take"
                    + " hours on one crafted title. Rewrite it without them (match more and extract a group, or"
                    + " use two conditions)";
        }
        return "invalid regular expression \"" + pattern + "\": " + e.getDescription();
    }

    /** The backtracking-only feature the pattern uses, or null when its error is plain syntax. */
    private static String refusedFeature(String pattern) {
        if (pattern.contains("(?=") || pattern.contains("(?!")) {
            return "a lookahead ((?= or (?!)";
        }
        if (pattern.contains("(?<=") || pattern.contains("(?<!")) {
            return "a lookbehind ((?<= or (?<!)";
        }
        if (pattern.matches("(?s).*(?<!\\\\)(\\\\\\\\)*\\\\[1-9].*") || pattern.contains("\\k<")) {
            return "a backreference (\\1 or \\k<name>)";
        }
        if (pattern.contains("(?>")) {
            return "an atomic group ((?>)";
        }
        if (pattern.matches("(?s).*[*+?}]\\+.*")) {
            return "a possessive quantifier (*+, ++, ?+)";
        }
        return null;
    }
}
