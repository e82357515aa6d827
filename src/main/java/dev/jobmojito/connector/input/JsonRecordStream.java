package dev.jobmojito.connector.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Streams the records of a JSON document whose records path is plain navigation ({@code $.jobs[*]},
 * {@code $[*]}, {@code $}): the parser walks to the array and reads one element at a time, so a 400 MB export
 * needs the memory of one posting. After the last record the rest of the document is still read, so a file cut
 * off in transfer is an error rather than a short list.
 */
final class JsonRecordStream extends RecordStream {

    private final JsonParser parser;
    private final String recordsPath;
    private final boolean single;
    private boolean singleDone;

    /**
     * @param names    member names leading to the records, outermost first
     * @param iterate  true when the records are the elements of the array found there ({@code [*]})
     * @param auto     true when the mapping names no records path: a root array's elements, or a root object
     */
    JsonRecordStream(JsonParser parser, List<String> names, boolean iterate, boolean auto, String recordsPath) {
        this.parser = parser;
        this.recordsPath = recordsPath;
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new InputException("the file is empty");
            }
            for (String name : names) {
                if (token != JsonToken.START_OBJECT) {
                    throw new InputException("expected an object on the way to " + recordsPath + " but found "
                            + describe(token) + " at line " + line());
                }
                token = seekMember(name);
            }
            if (iterate) {
                if (token != JsonToken.START_ARRAY) {
                    throw new InputException("expected a list at " + recordsPath + " but found " + describe(token)
                            + " at line " + line());
                }
                single = false;
            } else {
                // a path to one node: a list there holds the records, an object is the one record
                single = token != JsonToken.START_ARRAY;
                if (single && token != JsonToken.START_OBJECT) {
                    throw new InputException("expected a list of job records or one job object"
                            + (auto ? "" : " at " + recordsPath) + ", found " + describe(token));
                }
            }
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonToken seekMember(String name) throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_OBJECT || token == null) {
                throw new InputException("the file has no " + recordsPath + " (no member \"" + name
                        + "\"): is this the export the mapping is written for?");
            }
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals(field)) {
                return value;
            }
            parser.skipChildren();
        }
    }

    @Override
    protected InputRecord readNext(int index) {
        try {
            if (single) {
                if (singleDone) {
                    finishDocument();
                    return null;
                }
                singleDone = true;
                JsonNode node = Json.MAPPER.readTree(parser);
                return InputRecord.of(index, node, null, null);
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                finishDocument();
                return null;
            }
            if (token == null) {
                throw new InputException("the file ends inside the list of records, after " + index
                        + " records: it is truncated");
            }
            JsonNode node = Json.MAPPER.readTree(parser);
            return InputRecord.of(index, node, null, null);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what follows the records to the end, so that a truncated or garbled file is noticed. */
    private void finishDocument() throws IOException {
        while (parser.nextToken() != null) {
            parser.skipChildren();
        }
    }

    private InputException invalid(JsonProcessingException e) {
        return new InputException(JsonErrors.describe(e), e);
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.toString();
        };
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
