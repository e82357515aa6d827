package dev.jobmojito.connector.mapping;

/**
 * Shortens text to at most N characters (Unicode code points, the unit people count) on a word boundary,
 * never between a character and the marks or joiners that belong to it, so no emoji or accent is cut in half.
 */
final class Truncation {

    static final String ELLIPSIS = "\u2026";

    private Truncation() {
    }

    static String truncate(String text, int limit, String ellipsis) {
        if (text.codePointCount(0, text.length()) <= limit) {
            return text;
        }
        int room = Math.max(0, limit - ellipsis.codePointCount(0, ellipsis.length()));
        int cut = text.offsetByCodePoints(0, room);
        while (cut > 0 && belongsToPrevious(text, cut)) {
            cut = text.offsetByCodePoints(cut, -1);
        }
        int space = lastSpaceBefore(text, cut);
        // prefer a word boundary, unless it would throw away more than a third of the room
        if (space > 0 && text.codePointCount(0, space) >= room * 2 / 3) {
            cut = space;
        }
        String head = text.substring(0, cut).stripTrailing();
        while (!head.isEmpty() && ",;:-\u2013\u2014".indexOf(head.charAt(head.length() - 1)) >= 0) {
            head = head.substring(0, head.length() - 1).stripTrailing();
        }
        return head + ellipsis;
    }

    /** True when the code point at {@code index} must stay with the one before it. */
    private static boolean belongsToPrevious(String text, int index) {
        int cp = text.codePointAt(index);
        int before = text.codePointBefore(index);
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || cp == 0x200D || before == 0x200D // zero-width joiner sequences (family emoji)
                || (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
                || (cp >= 0x1F3FB && cp <= 0x1F3FF) // skin-tone modifiers
                || (cp >= 0xE0020 && cp <= 0xE007F) // tag sequences (subdivision flags)
                || isRegionalIndicator(cp) && isRegionalIndicator(before) && regionalRunIsOdd(text, index);
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** Flags are pairs of regional indicators: a cut after an odd count would split one. */
    private static boolean regionalRunIsOdd(String text, int index) {
        int count = 0;
        int i = index;
        while (i > 0 && isRegionalIndicator(text.codePointBefore(i))) {
            count++;
            i = text.offsetByCodePoints(i, -1);
        }
        return count % 2 == 1;
    }

    private static int lastSpaceBefore(String text, int cut) {
        for (int i = Math.min(cut, text.length() - 1); i > 0; i--) {
            if (HtmlText.isSpace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
