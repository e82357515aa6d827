package dev.jobmojito.connector.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * SHA-256 over JSON trees in one unambiguous encoding: every value is tagged with its type (a number 5 and a
 * text "5" differ), every text is preceded by its length in bytes, and object members keep the order they were
 * read in (a record whose members come in another order gets another digest, which only means it is mapped
 * again). Used for {@link Mapping#fingerprint}: about 1.5 µs for a 1.5 kB posting read a moment before.
 * One instance per thread ({@link #get}); not for sharing.
 */
final class TreeDigest {

    private static final ThreadLocal<TreeDigest> PER_THREAD = ThreadLocal.withInitial(TreeDigest::new);

    private final MessageDigest sha256;
    private byte[] buffer = new byte[4096];
    private int length;

    private TreeDigest() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** This thread's digest, empty. */
    static TreeDigest get() {
        TreeDigest digest = PER_THREAD.get();
        digest.length = 0;
        digest.sha256.reset();
        return digest;
    }

    /** Adds raw bytes (another digest, say). */
    TreeDigest bytes(byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
        return this;
    }

    /** Adds a text, length first; null is told apart from every text. */
    TreeDigest text(String value) {
        if (value == null) {
            tag('0');
            return this;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        room(utf8.length + 5);
        buffer[length++] = 't';
        int n = utf8.length;
        buffer[length++] = (byte) (n >>> 24);
        buffer[length++] = (byte) (n >>> 16);
        buffer[length++] = (byte) (n >>> 8);
        buffer[length++] = (byte) n;
        System.arraycopy(utf8, 0, buffer, length, n);
        length += n;
        return this;
    }

    /** Adds a tree (null: as a missing value). */
    TreeDigest tree(JsonNode node) {
        if (node == null) {
            tag('m');
            return this;
        }
        switch (node.getNodeType()) {
            case OBJECT -> {
                tag('{');
                for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext(); ) {
                    Map.Entry<String, JsonNode> member = members.next();
                    text(member.getKey());
                    tree(member.getValue());
                }
                tag('}');
            }
            case ARRAY -> {
                tag('[');
                for (int i = 0; i < node.size(); i++) {
                    tree(node.get(i));
                }
                tag(']');
            }
            case STRING -> {
                tag('s');
                text(node.textValue());
            }
            case NUMBER -> {
                tag('n');
                text(node.asText());
            }
            case BOOLEAN -> tag(node.booleanValue() ? 'T' : 'F');
            case NULL -> tag('z');
            case MISSING -> tag('m');
            // binary and POJO nodes come from no reader of ours; their text stands for them
            default -> {
                tag('x');
                text(node.asText());
            }
        }
        return this;
    }

    /** The SHA-256 of everything added, 32 bytes; the digest is empty again afterwards. */
    byte[] finish() {
        sha256.update(buffer, 0, length);
        length = 0;
        return sha256.digest();
    }

    /** {@link #finish} as 64 lower-case hex digits. */
    String finishHex() {
        return HexFormat.of().formatHex(finish());
    }

    private void tag(char tag) {
        room(1);
        buffer[length++] = (byte) tag;
    }

    private void room(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
