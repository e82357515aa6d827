package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * A CSV export with a header row (RFC 4180 quoting: quoted fields may hold the delimiter, quotes and line
 * breaks). Each row becomes an object keyed by the header, every value a text; the mapping's coercion turns
 * "3" and "yes" into what the API wants. A row with more cells than the header is reported on its own; a row
 * whose cells are all empty (Excel writes {@code ;;;;} for one) holds no job and is passed over.
 *
 * <p>The separator is the mapping's, or else detected among {@code ,} {@code ;} tab and {@code |}: the one whose
 * header names the most columns the mapping reads, then the one that splits the first rows evenly. A header that
 * holds none of the columns the mapping reads is refused with the fix, rather than every row becoming a job with
 * nothing in it.
 */
final class CsvRecordStream extends RecordStream {

    /** The separators tried when the mapping does not declare one, in order of preference on a tie. */
    static final List<Character> CANDIDATES = List.of(',', ';', '\t', '|');
    /** How much of the file the detection reads (the header and the first rows). */
    private static final int SAMPLE_CHARS = 64 * 1024;
    private static final int SAMPLE_ROWS = 50;

    private final CSVParser parser;
    private final Iterator<CSVRecord> rows;
    private final List<String> header;

    /**
     * @param reader     the decoded text
     * @param delimiter  the mapping's separator, or null to detect it
     * @param quote      the quote character
     * @param columns    the columns the mapping reads (its record members); empty when it reads none by name
     * @param mappingFile the mapping's file, named in a refusal
     * @throws InputException when the header is unusable or holds none of the columns
     */
    CsvRecordStream(Reader reader, Character delimiter, char quote, Set<String> columns, String mappingFile) {
        BufferedReader text = new BufferedReader(reader, SAMPLE_CHARS + 1);
        String sample = sample(text);
        Dialect chosen = delimiter != null ? Dialect.of(sample, delimiter, quote, columns)
                : detect(sample, quote, columns);
        if (!columns.isEmpty() && chosen.known == 0 && chosen.header != null) {
            throw new InputException(misfit(chosen, delimiter, detect(sample, quote, columns), columns,
                    mappingFile));
        }
        try {
            this.parser = format(chosen.delimiter, quote)
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(false)
                    .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                    .get()
                    .parse(text);
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

    private static CSVFormat.Builder format(char delimiter, char quote) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setQuote(quote)
                .setIgnoreEmptyLines(true)
                .setTrim(false);
    }

    private static String sample(BufferedReader text) {
        try {
            text.mark(SAMPLE_CHARS + 1);
            char[] buffer = new char[SAMPLE_CHARS];
            int filled = 0;
            int read;
            while (filled < buffer.length && (read = text.read(buffer, filled, buffer.length - filled)) > 0) {
                filled += read;
            }
            text.reset();
            return new String(buffer, 0, filled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The candidate that fits best: most known columns in the header, then a header of several columns, then rows
     * of the header's width, then more columns. */
    static Dialect detect(String sample, char quote, Set<String> columns) {
        Dialect best = null;
        for (char candidate : CANDIDATES) {
            Dialect dialect = Dialect.of(sample, candidate, quote, columns);
            if (best == null || dialect.compareTo(best) > 0) {
                best = dialect;
            }
        }
        return best;
    }

    private static String misfit(Dialect chosen, Character declared, Dialect detected, Set<String> columns,
                                 String mappingFile) {
        String headerText = String.join(String.valueOf(chosen.delimiter), chosen.header);
        StringBuilder reason = new StringBuilder("the CSV header row holds none of the columns the mapping reads (")
                .append(String.join(", ", columns.stream().limit(10).toList()))
                .append(columns.size() > 10 ? ", …" : "").append("): read with separator ")
                .append(name(chosen.delimiter)).append(" it is ").append(chosen.header.size())
                .append(chosen.header.size() == 1 ? " column" : " columns").append(", \"")
                .append(headerText.length() > 120 ? headerText.substring(0, 120) + "…" : headerText).append("\". ");
        if (declared != null && detected.known > 0 && detected.delimiter != declared) {
            reason.append("The file is separated by ").append(name(detected.delimiter))
                    .append(": set input.csv.delimiter to ")
                    .append(detected.delimiter == '\t' ? "\"\\t\"" : "\"" + detected.delimiter + "\"")
                    .append(" in ").append(mappingFile).append(", or to auto so the separator is detected.");
        } else {
            reason.append("Make the first row the column names the mapping reads (see ").append(mappingFile)
                    .append("), or change the mapping's paths to this file's column names.");
        }
        return reason.toString();
    }

    private static String name(char delimiter) {
        return switch (delimiter) {
            case '\t' -> "tab";
            case ',' -> "\",\" (comma)";
            case ';' -> "\";\" (semicolon)";
            case '|' -> "\"|\" (bar)";
            default -> "\"" + delimiter + "\"";
        };
    }

    /** How a sample of the file reads with one separator. */
    record Dialect(char delimiter, List<String> header, int known, int evenRows) implements Comparable<Dialect> {

        static Dialect of(String sample, char delimiter, char quote, Set<String> columns) {
            List<List<String>> records = new ArrayList<>();
            try (CSVParser parser = format(delimiter, quote).get().parse(new StringReader(sample))) {
                for (CSVRecord record : parser) {
                    records.add(record.toList());
                    if (records.size() > SAMPLE_ROWS) {
                        break;
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                // a broken quote in the sample: what was read before it still counts
            }
            if (sample.length() >= SAMPLE_CHARS && records.size() > 1) {
                records.remove(records.size() - 1); // cut by the sample's end
            }
            if (records.isEmpty()) {
                return new Dialect(delimiter, null, 0, 0);
            }
            List<String> header = records.get(0).stream().map(String::strip).toList();
            int known = (int) header.stream().filter(columns::contains).count();
            int even = (int) records.stream().skip(1).filter(r -> r.size() == header.size()).count();
            return new Dialect(delimiter, header, known, even);
        }

        @Override
        public int compareTo(Dialect other) {
            int byKnown = Integer.compare(known, other.known);
            if (byKnown != 0) {
                return byKnown;
            }
            int bySeveral = Boolean.compare(width() > 1, other.width() > 1);
            if (bySeveral != 0) {
                return bySeveral;
            }
            int byEven = Integer.compare(evenRows, other.evenRows);
            return byEven != 0 ? byEven : Integer.compare(width(), other.width());
        }

        private int width() {
            return header == null ? 0 : header.size();
        }
    }

    @Override
    protected InputRecord readNext(int index) {
        CSVRecord row;
        do {
            try {
                if (!rows.hasNext()) {
                    return null;
                }
                row = rows.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new InputException("the CSV file breaks after " + index + " rows (line "
                        + parser.getCurrentLineNumber() + "): " + rootMessage(e), e);
            }
        } while (row.stream().allMatch(String::isBlank));
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
