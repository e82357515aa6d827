package dev.jobmojito.connector.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes in a declared charset and refuses what is not valid in it: a Latin-1 export read as UTF-8 is an
 * error naming the line, never mojibake sent to JobMojito. A byte-order mark at the start is dropped.
 */
final class StrictText extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);
    private int line = 1;
    private boolean endOfInput;
    private boolean flushed;
    private boolean started;

    StrictText(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
        chars.flip();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!chars.hasRemaining()) {
            if (!fill()) {
                return -1;
            }
        }
        if (!started) {
            started = true;
            if (chars.get(chars.position()) == '\uFEFF') {
                chars.get();
                if (!chars.hasRemaining()) {
                    return read(buffer, offset, length);
                }
            }
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Decodes the next chunk; false at the end of the input. */
    private boolean fill() throws IOException {
        if (flushed) {
            return false;
        }
        chars.clear();
        if (!bytes.hasRemaining() && !endOfInput) {
            readBytes();
        }
        CoderResult result = decoder.decode(bytes, chars, endOfInput);
        if (result.isError()) {
            chars.flip();
            countLines();
            throw new InputException("text is not valid " + decoder.charset().name() + " at line " + line
                    + " (set input.charset in the mapping if the file uses another encoding)");
        }
        if (endOfInput && !bytes.hasRemaining()) {
            decoder.flush(chars);
            flushed = true;
        } else if (result.isUnderflow() && !endOfInput) {
            bytes.compact();
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
        }
        chars.flip();
        countLines();
        return chars.hasRemaining() || !flushed;
    }

    private void readBytes() throws IOException {
        bytes.clear();
        int read = in.read(bytes.array(), 0, bytes.capacity());
        if (read < 0) {
            endOfInput = true;
            bytes.limit(0);
        } else {
            bytes.limit(read);
        }
    }

    /** Counts the line breaks of the chunk just decoded, so an error can name its line. */
    private void countLines() {
        for (int i = chars.position(); i < chars.limit(); i++) {
            if (chars.get(i) == '\n') {
                line++;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
