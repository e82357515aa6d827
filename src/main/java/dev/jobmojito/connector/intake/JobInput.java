package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.results.JobSource;

/**
 * One record on its way through the pipeline, with the mapping that will make its request and its origin.
 *
 * @param ledgerSource what the ledger knows the posting by, with its code: the mapping name unless the route
 *                     says otherwise (two boards of the same ATS)
 */
public record JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource) {
}
