package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.RunSummary;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * One batch of input being handled: a dropped file, or the records of one poll of an ATS API. It knows its
 * mapping and streams its records as jobs. A batch that breaks part way keeps the records read so far (their
 * jobs go on) and remembers why, so a file can be quarantined with that reason.
 */
public final class IntakeBatch {

    private final String route;
    private final String name;
    private final Mapping mapping;
    private final RecordStream records;
    private final IntakeGate gate;
    private final String ledgerSource;
    private final RunSummary tally = new RunSummary();
    /** The codes of the postings read, as each job is mapped (see {@link JobInput#hold}). */
    private final java.util.Set<String> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile String problem;
    private volatile boolean readToTheEnd;

    public IntakeBatch(String route, String name, Mapping mapping, RecordStream records, IntakeGate gate,
                       String ledgerSource) {
        this.route = route;
        this.name = name;
        this.mapping = mapping;
        this.records = records;
        this.gate = gate;
        this.ledgerSource = ledgerSource;
    }

    /** A file that could not be opened at all. */
    static IntakeBatch unusable(String route, String name, String problem) {
        IntakeBatch file = new IntakeBatch(route, name, null, null, null, null);
        file.problem = problem;
        return file;
    }

    public String route() {
        return route;
    }

    /** The file's name relative to its drop folder ({@code greenhouse/jobs.json}), or the URL polled. */
    public String name() {
        return name;
    }

    /** The outcomes of this batch's jobs so far. */
    /**
     * The codes of the postings whose jobs were mapped (valid or not; not those a mapping skipped): once every
     * job is handled, what a complete poll held.
     */
    public java.util.Set<String> held() {
        return java.util.Collections.unmodifiableSet(held);
    }

    public RunSummary tally() {
        return tally;
    }

    /** What the ledger knows this batch's postings by (with their codes). */
    public String ledgerSource() {
        return ledgerSource;
    }

    public Mapping mapping() {
        return mapping;
    }

    /** Why the file (or its remainder) could not be read; null when it was read to the end. */
    public String problem() {
        return problem;
    }

    public int recordsRead() {
        return records == null ? 0 : records.count();
    }

    /** The file's jobs, one at a time; reading stops at a broken part or when intake is paused. */
    public Iterator<JobInput> jobs() {
        return new Iterator<>() {
            private JobInput next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (records == null || problem != null || gate.paused()) {
                    return false;
                }
                try {
                    if (!records.hasNext()) {
                        readToTheEnd = true;
                        return false;
                    }
                    InputRecord record = records.next();
                    next = new JobInput(record, mapping, new JobSource(route, name, record.index(), record.line()),
                            ledgerSource, tally, held);
                    return true;
                } catch (InputException e) {
                    problem = records.count() == 0 ? e.getMessage()
                            : e.getMessage() + " (after " + records.count() + " records, which were handled)";
                    return false;
                } catch (StackOverflowError e) {
                    problem = "a record is nested too deeply to be read (after " + records.count() + " records)";
                    return false;
                } catch (OutOfMemoryError e) {
                    problem = "a record is too large for the memory the connector has (after " + records.count()
                            + " records); raise -Xmx or split the file";
                    return false;
                }
            }

            @Override
            public JobInput next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                JobInput job = next;
                next = null;
                return job;
            }
        };
    }

    /**
     * True when every record was read and every job of them was started and reported: the file may leave the
     * inbox. False when reading stopped early (intake paused or stopping) or a job was left unstarted.
     */
    public boolean finished() {
        return (readToTheEnd || problem != null) && tally.jobsLeft() == 0;
    }

    public void close() {
        if (records != null) {
            try {
                records.close();
            } catch (RuntimeException ignored) {
                // the file is done with either way; a close failure must not hide the outcome
            }
        }
    }
}
