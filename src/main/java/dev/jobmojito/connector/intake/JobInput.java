package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.results.JobSource;

/** One record on its way through the pipeline, with the mapping that will make its request and its origin. */
public record JobInput(InputRecord record, Mapping mapping, JobSource source) {
}
