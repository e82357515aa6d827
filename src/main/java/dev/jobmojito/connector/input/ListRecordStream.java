package dev.jobmojito.connector.input;

import java.util.List;

/** Records already read (the pages of a poll), given one at a time like any other input. */
public final class ListRecordStream extends RecordStream {

    private final List<InputRecord> records;

    public ListRecordStream(List<InputRecord> records) {
        this.records = List.copyOf(records);
    }

    @Override
    protected InputRecord readNext(int index) {
        return index < records.size() ? records.get(index) : null;
    }
}
