package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV export with a header row (RFC 4180 quoting: quoted fields may hold the delimiter, quotes and line
 * breaks). Each row becomes an object keyed by the header, every value a text; the mapping's coercion turns
 * "3" and "yes" into what the API wants. A row with more cells than the header is reported on its own.
 */
final class CsvRecordStream extends RecordStream {

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;

    CsvRecordStream(Reader reader, char delimiter, char quote) {
        try {
            this.parser = CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setQuote(quote)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .setAllowMissingColumnNames(false)
                    .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                    .setTrim(false)
                    .get()
                    .parse(reader);
        } catch (IllegalArgumentException e) {
            throw new InputException("the CSV header row is not usable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.header = parser.getHeaderNames().stream().map(String::strip).toList();
        if (header.isEmpty()) {
            throw new InputException("the CSV file has no header row");
        }
        this.rows = parser.iterator();
    }

    @Override
    protected InputRecord readNext(int index) {
        CSVRecord row;
        try {
            if (!rows.hasNext()) {
                return null;
            }
            row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InputException("the CSV file breaks after " + index + " rows (line "
                    + parser.getCurrentLineNumber() + "): " + rootMessage(e), e);
        }
        int line = (int) Math.min(Integer.MAX_VALUE, row.getCharacterPosition() < 0 ? parser.getCurrentLineNumber()
                : startLine(row));
        if (row.size() > header.size()) {
            return InputRecord.unreadable(index, line, "row at line " + line + " has " + row.size()
                    + " cells but the header has " + header.size() + " (an unquoted delimiter?)");
        }
        for (int i = 0; i < row.size(); i++) {
            if (row.get(i).length() > InputLimits.maxValueLength()) {
                throw new InputException(InputLimits.tooLong("the cell " + header.get(i) + " of the row at line "
                        + line, row.get(i).length()));
            }
        }
        ObjectNode object = Json.object();
        for (int i = 0; i < row.size(); i++) {
            object.put(header.get(i), row.get(i));
        }
        return InputRecord.of(index, object, line, null);
    }

    /** The line a row starts on: rows with quoted line breaks span several lines. */
    private long startLine(CSVRecord row) {
        long end = parser.getCurrentLineNumber();
        long breaks = 0;
        for (String value : row.values()) {
            breaks += value.chars().filter(c -> c == '\n').count();
        }
        return Math.max(1, end - breaks);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
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
