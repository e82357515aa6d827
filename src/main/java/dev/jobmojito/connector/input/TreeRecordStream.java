package dev.jobmojito.connector.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.mapping.RecordPath;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a document held whole: used when the records path needs the general JSONPath evaluator
 * (filters, deep scan) or when the mapping reads {@code $doc} (related data kept beside the records).
 */
final class TreeRecordStream extends RecordStream {

    private final List<JsonNode> records;
    private final JsonNode document;

    TreeRecordStream(JsonNode document, RecordPath recordsPath, boolean keepDocument) {
        this.document = keepDocument ? document : null;
        this.records = select(document, recordsPath);
    }

    private static List<JsonNode> select(JsonNode document, RecordPath recordsPath) {
        List<JsonNode> selected = new ArrayList<>();
        if (recordsPath == null) {
            if (document.isArray()) {
                document.forEach(selected::add);
            } else {
                selected.add(document);
            }
            return selected;
        }
        JsonNode found = recordsPath.read(document);
        if (found.isMissingNode()) {
            throw new InputException("the file has no " + recordsPath.text()
                    + ": is this the export the mapping is written for?");
        }
        if (recordsPath.definite()) {
            if (found.isArray()) {
                found.forEach(selected::add);
            } else {
                selected.add(found);
            }
        } else {
            found.forEach(selected::add);
        }
        return selected;
    }

    @Override
    protected InputRecord readNext(int index) {
        return index < records.size() ? InputRecord.of(index, records.get(index), null, document) : null;
    }
}
