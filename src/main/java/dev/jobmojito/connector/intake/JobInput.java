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
 * @param held         the codes of the postings its file or poll cycle holds, noted as each is mapped (what a
 *                     complete poll closes is what it did not hold), or null when nothing reads them
 */
public record JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource,
                       RunSummary batchTally, java.util.Set<String> held) {

    public JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource) {
        this(record, mapping, source, ledgerSource, null, null);
    }

    public JobInput(InputRecord record, Mapping mapping, JobSource source, String ledgerSource,
                    RunSummary batchTally) {
        this(record, mapping, source, ledgerSource, batchTally, null);
    }

    /** Notes that the input holds this posting (still in the ATS, whatever happens to it next). */
    public void hold(String code) {
        if (held != null && code != null && !code.isBlank()) {
            held.add(code);
        }
    }
}
