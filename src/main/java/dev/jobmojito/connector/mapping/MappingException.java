package dev.jobmojito.connector.mapping;

import java.util.List;
import java.util.stream.Collectors;

/** A mapping file that cannot be used, with every problem found in it (not only the first). */
public class MappingException extends RuntimeException {

    private final List<MappingError> errors;

    public MappingException(List<MappingError> errors) {
        super(errors.stream().map(MappingError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<MappingError> errors() {
        return errors;
    }
}
