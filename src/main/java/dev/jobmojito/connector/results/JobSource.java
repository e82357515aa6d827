package dev.jobmojito.connector.results;

import dev.jobmojito.connector.common.FileNames;

/**
 * Where a job came from, so every result and log line points back at the record in the ATS export.
 *
 * @param route  the intake route (inbox, sftp, a poll)
 * @param file   the input file, relative to its drop folder, or the polled URL
 * @param record the record's 0-based position in that input; null for a whole-file outcome
 * @param line   the line the record starts on, for CSV and NDJSON; null otherwise
 */
public record JobSource(String route, String file, Integer record, Integer line) {

    /** The source as a log line shows it: the file name with control characters escaped. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(String.valueOf(FileNames.printable(file)));
        if (record != null) {
            text.append(" record ").append(record);
        }
        if (line != null) {
            text.append(" (line ").append(line).append(')');
        }
        return text.toString();
    }
}
