package dev.jobmojito.connector.common;

/**
 * File names as they may be printed: a name is data from whoever wrote the file, and a newline or an escape
 * sequence in it must not forge a log line or a line of a {@code .reason.txt}.
 */
public final class FileNames {

    private FileNames() {
    }

    /**
     * The name with every control character (C0, DEL, C1, and the Unicode line and paragraph separators)
     * written as a Java-style escape: {@code a\nb} for a name holding a newline. Null stays null.
     */
    public static String printable(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean control = c < 0x20 || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? name : out.toString();
    }
}
