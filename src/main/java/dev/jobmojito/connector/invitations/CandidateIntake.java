package dev.jobmojito.connector.invitations;

import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JobResult;
import org.apache.camel.Exchange;

/**
 * The application drop folder's file rules: those of the posting drop folder ({@link FileIntake}: the mapping
 * from the file's first folder, quarantine to {@code .error/} with a {@code .reason.txt}, a file left in place
 * when intake closed), over the candidate mappings. Its own type so that the posting intake's beans stay the
 * only ones of theirs.
 */
public final class CandidateIntake {

    private final FileIntake files;
    private final MappingRegistry mappings;

    public CandidateIntake(FileIntake files, MappingRegistry mappings) {
        this.files = files;
        this.mappings = mappings;
    }

    /** The candidate mappings. */
    public MappingRegistry mappings() {
        return mappings;
    }

    /** See {@link FileIntake#open}: the input is then the exchange property {@code connectorInput}. */
    public IntakeBatch open(Exchange exchange) {
        files.open(exchange);
        return exchange.getProperty(FileIntake.INPUT, IntakeBatch.class);
    }

    /** See {@link FileIntake#finish}. */
    public JobResult finish(Exchange exchange) {
        return files.finish(exchange);
    }

    /** See {@link FileIntake#unexpected}. */
    public JobResult unexpected(Exchange exchange) {
        return files.unexpected(exchange);
    }
}
