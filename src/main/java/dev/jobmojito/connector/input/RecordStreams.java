package dev.jobmojito.connector.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.mapping.InputFormat;
import dev.jobmojito.connector.mapping.InputOptions;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.RecordPath;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Opens the records of an input file the way its mapping says: the format from the mapping or the file
 * extension, streamed whenever the records path is plain navigation and the mapping does not read {@code $doc}.
 */
public final class RecordStreams {

    private RecordStreams() {
    }

    /**
     * Opens a dropped file's records.
     *
     * @param in       the file's bytes; closed when the stream is closed
     * @param fileName the file's name, for its extension
     * @throws InputException when the input cannot be read as the mapping says (the reason names the fix)
     */
    public static RecordStream open(InputStream in, String fileName, Mapping mapping) {
        return open(in, fileName, mapping, null);
    }

    /**
     * Opens the records of an input, dropped or polled: the same bytes give the same records either way. The
     * charset is decided once, by {@link InputCharset#decide}.
     *
     * @param in        the input's original bytes, never text decoded on the way; closed when the stream is closed
     * @param fileName  the input's name, for its extension when the mapping does not name the format
     * @param transport the charset the transport declared (HTTP {@code Content-Type}), or null for a file
     * @throws InputException when the input cannot be read as the mapping says (the reason names the fix)
     */
    public static RecordStream open(InputStream in, String fileName, Mapping mapping, Charset transport) {
        InputOptions options = mapping.input();
        InputFormat format = options.formatFor(fileName);
        RecordPath records = mapping.records();
        Navigation navigation = Navigation.of(records);
        boolean whole = mapping.readsDocument() || navigation == null;
        InputStream bytes = in.markSupported() ? in : new BufferedInputStream(in);
        try {
            Charset charset = InputCharset.decide(bytes, format, transport, options.charset());
            return switch (format) {
                case JSON -> whole ? new TreeRecordStream(readJsonTree(bytes, charset), records,
                        mapping.readsDocument())
                        : new JsonRecordStream(jsonParser(bytes, charset), navigation.names, navigation.iterate,
                                records == null, records == null ? "$" : records.text());
                case NDJSON -> lineOriented(new NdjsonRecordStream(new BufferedReader(new StrictText(bytes,
                        charset))), records, whole);
                case CSV -> lineOriented(new CsvRecordStream(new StrictText(bytes, charset), options.csvDelimiter(),
                        options.csvQuote(), mapping.recordMembers(), mapping.file()), records, whole);
                case XML -> xml(new StrictText(bytes, charset), options, records, navigation,
                        mapping.readsDocument());
            };
        } catch (RuntimeException e) {
            closeQuietly(bytes);
            throw e;
        }
    }

    private static JsonParser jsonParser(InputStream in, Charset charset) {
        try {
            // UTF-8 bytes go straight to Jackson, which rejects invalid sequences itself; other charsets are
            // decoded strictly first
            return charset.equals(StandardCharsets.UTF_8) ? Json.MAPPER.createParser(in)
                    : Json.MAPPER.createParser(new StrictText(in, charset));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJsonTree(InputStream in, Charset charset) {
        try (JsonParser parser = jsonParser(in, charset)) {
            JsonNode tree = Json.MAPPER.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new InputException("the file is empty");
            }
            if (parser.nextToken() != null) {
                throw new InputException("unexpected content after the JSON document at line "
                        + parser.currentTokenLocation().getLineNr() + ": is it NDJSON (one record per line)?");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InputException(JsonErrors.describe(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** NDJSON lines and CSV rows are records as they come ({@code $[*]}); another path reads them as one list. */
    private static RecordStream lineOriented(RecordStream rows, RecordPath records, boolean whole) {
        boolean plainRows = records == null || records.text().equals("$[*]");
        if (plainRows && !whole) {
            return rows;
        }
        ArrayNode all = Json.NODES.arrayNode();
        try (rows) {
            rows.forEachRemaining(r -> all.add(r.node()));
        }
        return new TreeRecordStream(all, plainRows ? null : records, whole);
    }

    private static RecordStream xml(Reader text, InputOptions options, RecordPath records, Navigation navigation,
                                    boolean keepDocument) {
        if (records == null) {
            throw new InputException("an XML mapping must say where the records are (records: $.job[*])");
        }
        Set<String> lists = new HashSet<>(options.xmlLists());
        if (navigation != null && !navigation.names.isEmpty()) {
            // the record element is a list however many the file holds
            lists.add(navigation.names.get(navigation.names.size() - 1));
        }
        try {
            // the text is decoded already, in the charset decided above; the declaration's encoding is not read again
            XMLStreamReader reader = XmlTrees.safeFactory().createXMLStreamReader(text);
            if (navigation != null && !keepDocument && !navigation.names.isEmpty()) {
                return new XmlRecordStream(reader, navigation.names, Set.copyOf(lists));
            }
            JsonNode document = null;
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    document = XmlTrees.readElement(reader, lists);
                    break;
                }
            }
            reader.close();
            if (document == null) {
                throw new InputException("the XML file has no root element");
            }
            return new TreeRecordStream(document, records, keepDocument);
        } catch (XMLStreamException e) {
            throw XmlRecordStream.invalid(e);
        }
    }

    private static void closeQuietly(java.io.Closeable in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the original failure is what matters
        }
    }

    /**
     * A records path a stream can follow: member names, then optionally {@code [*]}. Null for anything else
     * (filters, indexes, deep scan), which needs the whole document.
     */
    private record Navigation(List<String> names, boolean iterate) {

        static Navigation of(RecordPath records) {
            if (records == null) {
                return new Navigation(List.of(), false);
            }
            if (records.scope() != RecordPath.Scope.CURRENT) {
                return null;
            }
            List<String> parsed = new ArrayList<>();
            String text = records.text();
            boolean iterate = false;
            String body = text.substring(1);
            if (body.endsWith("[*]")) {
                iterate = true;
                body = body.substring(0, body.length() - 3);
            }
            for (String part : body.split("\\.", -1)) {
                if (part.isEmpty()) {
                    continue;
                }
                if (!part.matches("[A-Za-z_][\\w\\-:@]*")) {
                    return null;
                }
                parsed.add(part);
            }
            if (body.contains("..") || body.contains("[")) {
                return null;
            }
            return new Navigation(List.copyOf(parsed), iterate);
        }
    }
}
