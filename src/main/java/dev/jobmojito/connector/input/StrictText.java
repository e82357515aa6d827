package dev.jobmojito.connector.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Decodes bytes in a declared charset and refuses what is not valid in it: a Latin-1 export read as UTF-8 is an
 * error naming the line, never mojibake sent to JobMojito. A byte-order mark at the start is dropped.
 */
final class StrictText extends Reader {

    private final Reader decoded;
    private final String charsetName;
    private int line = 1;
    private boolean started;

    StrictText(InputStream in, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        this.decoded = new InputStreamReader(in, decoder);
        this.charsetName = charset.name();
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n;
        try {
            n = decoded.read(buffer, offset, length);
        } catch (CharacterCodingException e) {
            throw new InputException("text is not valid " + charsetName + " at line " + line
                    + " (set input.charset in the mapping if the file uses another encoding)", e);
        }
        if (n > 0 && !started) {
            started = true;
            if (buffer[offset] == '\uFEFF') {
                System.arraycopy(buffer, offset + 1, buffer, offset, n - 1);
                n--;
                if (n == 0) {
                    return read(buffer, offset, length);
                }
            }
        }
        for (int i = offset; i < offset + n; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        decoded.close();
    }
}
