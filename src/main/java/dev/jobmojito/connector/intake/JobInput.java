package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.RunSummary;

/**
 * One record on its way through the pipeline, with the mapping that will make its request and its origin.
 *
 * @param ledgerSource what the ledger knows the posting by, with its code: the mapping name unless the route
 *                     says otherwise (two boards of the same ATS)
 * @param batchTally   the counts of the file or poll cycle the job belongs to, or null
 */
public record JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource,
                       RunSummary batchTally) {

    public JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource) {
        this(record, mapping, source, ledgerSource, null);
    }
}
