package dev.jobmojito.connector.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;

/** One JSON record per line. A broken line is reported as that record's problem; the other lines go on. */
final class NdjsonRecordStream extends RecordStream {

    private final BufferedReader reader;
    private int line;

    NdjsonRecordStream(BufferedReader reader) {
        this.reader = reader;
    }

    @Override
    protected InputRecord readNext(int index) {
        try {
            String text;
            do {
                text = reader.readLine();
                line++;
                if (text == null) {
                    return null;
                }
            } while (text.isBlank());
            try {
                JsonNode node = Json.MAPPER.readTree(text);
                if (!node.isObject()) {
                    return InputRecord.unreadable(index, line, "line " + line + " is not a JSON object");
                }
                return InputRecord.of(index, node, line, null);
            } catch (JsonProcessingException e) {
                return InputRecord.unreadable(index, line, "line " + line + ": "
                        + JsonErrors.describe(e).replaceFirst(" at line 1,", " at"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
