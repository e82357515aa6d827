package dev.jobmojito.connector.input;

import dev.jobmojito.connector.mapping.InputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides once how an input's bytes are text, whether they came as a dropped file or as an HTTP answer, so the
 * same bytes always give the same text. In order: a byte-order mark; for XML, the document's own declaration
 * ({@code <?xml version="1.0" encoding="ISO-8859-1"?>}); the charset the transport declared (HTTP
 * {@code Content-Type}); the mapping's {@code input.charset}.
 */
public final class InputCharset {

    /** Bytes read ahead to find a mark or an XML declaration; the declaration must be at the very start. */
    static final int SNIFF = 512;

    private static final Pattern CONTENT_TYPE_CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
    private static final Pattern XML_ENCODING = Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");

    private InputCharset() {
    }

    /**
     * The charset named by a {@code Content-Type} header ({@code application/xml; charset=ISO-8859-1}).
     *
     * @return the charset, or null when the header is absent, names none, or names one Java does not know
     */
    public static Charset fromContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher matcher = CONTENT_TYPE_CHARSET.matcher(contentType);
        if (!matcher.find()) {
            return null;
        }
        try {
            return Charset.forName(matcher.group(1));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Decides the charset of an input without consuming it.
     *
     * @param in        the input, which must support {@link InputStream#mark}; left at its start
     * @param format    the input's format: only XML has a declaration of its own
     * @param transport the charset the transport declared, or null (a dropped file has none)
     * @param mapping   the mapping's {@code input.charset}
     * @throws UncheckedIOException when the input cannot be read
     */
    public static Charset decide(InputStream in, InputFormat format, Charset transport, Charset mapping) {
        byte[] head = peek(in);
        Charset marked = byteOrderMark(head);
        if (marked != null) {
            return marked;
        }
        if (format == InputFormat.XML) {
            Charset declared = xmlDeclaration(head);
            if (declared != null) {
                return declared;
            }
        }
        return transport != null ? transport : mapping;
    }

    private static byte[] peek(InputStream in) {
        try {
            in.mark(SNIFF);
            byte[] head = in.readNBytes(SNIFF);
            in.reset();
            return head;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Charset byteOrderMark(byte[] b) {
        if (starts(b, 0x00, 0x00, 0xFE, 0xFF)) {
            return Charset.forName("UTF-32BE");
        }
        if (starts(b, 0xFF, 0xFE, 0x00, 0x00)) {
            return Charset.forName("UTF-32LE");
        }
        if (starts(b, 0xEF, 0xBB, 0xBF)) {
            return StandardCharsets.UTF_8;
        }
        if (starts(b, 0xFE, 0xFF)) {
            return StandardCharsets.UTF_16BE;
        }
        if (starts(b, 0xFF, 0xFE)) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** The encoding an XML declaration names; UTF-16 without a mark is recognised by its first two chars. */
    static Charset xmlDeclaration(byte[] b) {
        if (starts(b, 0x3C, 0x00, 0x3F, 0x00)) {
            return StandardCharsets.UTF_16LE;
        }
        if (starts(b, 0x00, 0x3C, 0x00, 0x3F)) {
            return StandardCharsets.UTF_16BE;
        }
        // the declaration itself is ASCII in every ASCII-compatible encoding
        Matcher matcher = XML_ENCODING.matcher(new String(b, StandardCharsets.ISO_8859_1));
        if (!matcher.find()) {
            return null;
        }
        try {
            return Charset.forName(matcher.group(1).toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new InputException("the XML declaration names encoding \"" + matcher.group(1)
                    + "\", which is not known");
        }
    }

    private static boolean starts(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
