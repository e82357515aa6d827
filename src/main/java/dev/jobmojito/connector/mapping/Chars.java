package dev.jobmojito.connector.mapping;

import java.util.Arrays;

/**
 * A growable run of characters that the HTML converters read from and write into. On Java 17,
 * {@code StringBuilder.append(CharSequence, int, int)} copies one character at a time through {@code charAt};
 * here a run of text is one array copy, and reads are plain array reads.
 */
final class Chars {

    private char[] chars;
    private int length;

    Chars(int capacity) {
        chars = new char[Math.max(16, capacity)];
    }

    private Chars(char[] chars) {
        this.chars = chars;
        this.length = chars.length;
    }

    /** The characters of {@code text}, in an array of exactly its length. */
    static Chars of(String text) {
        return new Chars(text.toCharArray());
    }

    int length() {
        return length;
    }

    boolean isEmpty() {
        return length == 0;
    }

    char charAt(int index) {
        return chars[index];
    }

    void setLength(int newLength) {
        length = newLength;
    }

    Chars append(char c) {
        if (length == chars.length) {
            grow(1);
        }
        chars[length++] = c;
        return this;
    }

    Chars append(char[] source, int from, int to) {
        int count = to - from;
        if (length + count > chars.length) {
            grow(count);
        }
        System.arraycopy(source, from, chars, length, count);
        length += count;
        return this;
    }

    Chars append(String text) {
        int count = text.length();
        if (length + count > chars.length) {
            grow(count);
        }
        text.getChars(0, count, chars, length);
        length += count;
        return this;
    }

    Chars append(Chars other) {
        return append(other.chars, 0, other.length);
    }

    Chars appendCodePoint(int codePoint) {
        if (Character.isBmpCodePoint(codePoint)) {
            return append((char) codePoint);
        }
        return append(Character.highSurrogate(codePoint)).append(Character.lowSurrogate(codePoint));
    }

    /** Index of the last occurrence of {@code text}, or -1. */
    int lastIndexOf(String text) {
        int count = text.length();
        for (int at = length - count; at >= 0; at--) {
            int i = 0;
            while (i < count && chars[at + i] == text.charAt(i)) {
                i++;
            }
            if (i == count) {
                return at;
            }
        }
        return -1;
    }

    /** Removes {@code [from, to)}. */
    void delete(int from, int to) {
        System.arraycopy(chars, to, chars, from, length - to);
        length -= to - from;
    }

    /** The characters themselves, valid up to {@link #length()} until the next append. */
    char[] array() {
        return chars;
    }

    String toString(int end) {
        return new String(chars, 0, end);
    }

    @Override
    public String toString() {
        return new String(chars, 0, length);
    }

    private void grow(int needed) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + needed));
    }
}
