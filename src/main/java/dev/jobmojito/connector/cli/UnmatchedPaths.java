package dev.jobmojito.connector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.RecordPath;
import dev.jobmojito.connector.mapping.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The field paths of a mapping that matched nothing in any record of a sample: {@code name: $.title} against an
 * export whose records have {@code text} gives only "name: is required" on each record, and {@code $.dept} with a
 * default gives nothing at all (issue 11, "also seen"). {@code preview} prints one warning per such path.
 *
 * <p>In: the mapping, then each record read. Out: warnings naming the mapping file, the field, the path, how many
 * records were read and, when a member of the records is close to the path's last name, a suggestion. A path
 * that gives an empty list ({@code $.departments[*]} over {@code []}) counts as matching nothing.
 */
final class UnmatchedPaths {

    private final Mapping mapping;
    /** The paths not matched yet, with the field that reads them. */
    private final Map<RecordPath, String> open = new LinkedHashMap<>();
    private final Set<String> members = new LinkedHashSet<>();
    private int records;

    UnmatchedPaths(Mapping mapping) {
        this.mapping = mapping;
        mapping.fieldPaths().forEach((field, paths) -> paths.forEach(path -> open.putIfAbsent(path, field)));
    }

    void read(JsonNode record) {
        records++;
        record.fieldNames().forEachRemaining(members::add);
        open.keySet().removeIf(path -> {
            JsonNode value = path.read(record);
            return !value.isMissingNode() && !(value.isArray() && value.isEmpty());
        });
    }

    List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (records == 0) {
            return warnings;
        }
        open.forEach((path, field) -> {
            String text = path.text();
            String last = text.replaceAll("\\[[^]]*]", "").replaceFirst(".*[.]", "");
            String suggestion = Suggestions.didYouMean(last, members);
            warnings.add(mapping.file() + ": " + field + ": " + text + " matched nothing in any of the " + records
                    + " record" + (records == 1 ? "" : "s") + suggestion);
        });
        return warnings;
    }
}
