package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.ResultPublisher;
import dev.jobmojito.connector.results.RunSummary;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to one dropped file, whatever route brought it (local inbox, SFTP): find its mapping from the
 * folder it was dropped in, stream its records as jobs, and decide where it goes afterwards. A file whose jobs
 * were all handled goes to {@code .done/}; one that could not be read, or broke part way, goes to
 * {@code .error/} with a reason beside it; one interrupted by a refused token stays where it is.
 */
public final class FileIntake {

    /** Exchange property: the {@link IntakeBatch} being handled. */
    public static final String INPUT = "connectorInput";
    /** Exchange property read by the route's {@code move} option: where the file goes, relative to its folder. */
    public static final String ARCHIVE_PATH = "connectorArchivePath";
    /** Exchange property: the reason a file is quarantined, to be written beside it. */
    public static final String REASON = "connectorReason";
    /** Exchange property: where that reason goes, relative to the drop folder. */
    public static final String REASON_PATH = "connectorReasonPath";
    /**
     * Exchange property a route may set: the source the ledger knows its postings by (default: the mapping
     * name). Two drops of the same ATS for different companies need different sources.
     */
    public static final String SOURCE = "connectorSource";

    private static final Logger LOG = LoggerFactory.getLogger(FileIntake.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final MappingRegistry mappings;
    private final IntakeGate gate;
    private final ResultPublisher results;
    private final RunSummary summary;
    private final Clock clock;

    public FileIntake(MappingRegistry mappings, IntakeGate gate, ResultPublisher results, RunSummary summary,
                      Clock clock) {
        this.mappings = mappings;
        this.gate = gate;
        this.results = results;
        this.summary = summary;
        this.clock = clock;
    }

    /** Opens the file of the exchange: its mapping from the first folder of its name, then its records. */
    public void open(Exchange exchange) {
        if (gate.paused()) {
            throw new IntakePausedException(gate.reason());
        }
        String route = exchange.getFromRouteId();
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = name.indexOf('/');
        IntakeBatch file;
        if (slash <= 0) {
            file = IntakeBatch.unusable(route, name, "the file is not in a mapping's folder: drop files in "
                    + "<inbox>/<mapping>/ (for example <inbox>/greenhouse/) so the connector knows how to read them");
        } else {
            file = openWithMapping(exchange, route, name, name.substring(0, slash));
        }
        exchange.setProperty(INPUT, file);
    }

    private IntakeBatch openWithMapping(Exchange exchange, String route, String name, String mappingName) {
        Mapping mapping;
        try {
            mapping = mappings.get(mappingName);
        } catch (MappingException e) {
            return IntakeBatch.unusable(route, name, "its mapping cannot be used:\n" + e.getMessage());
        }
        try {
            InputStream in = exchange.getIn().getMandatoryBody(InputStream.class);
            RecordStream records = RecordStreams.open(in, name, mapping);
            return new IntakeBatch(route, name, mapping, records, gate,
                    exchange.getProperty(SOURCE, mapping.name(), String.class));
        } catch (InputException e) {
            return IntakeBatch.unusable(route, name, e.getMessage());
        } catch (Exception e) {
            return IntakeBatch.unusable(route, name, "the file cannot be read: " + e.getMessage());
        }
    }

    /** The jobs of the exchange's file, for the splitter. */
    public Iterator<JobInput> jobs(Exchange exchange) {
        IntakeBatch file = exchange.getProperty(INPUT, IntakeBatch.class);
        return file.mapping() == null ? List.<JobInput>of().iterator() : file.jobs();
    }

    /** Decides where the file goes once its jobs are handled. */
    public void finish(Exchange exchange) {
        IntakeBatch file = exchange.getProperty(INPUT, IntakeBatch.class);
        file.close();
        if (gate.paused()) {
            summary.fileLeft();
            LOG.warn("{} stays in the inbox untouched: {}", file.name(), gate.reason());
            throw new IntakePausedException(gate.reason());
        }
        if (file.problem() != null) {
            quarantine(exchange, file, file.problem());
            return;
        }
        exchange.setProperty(ARCHIVE_PATH, archivePath(".done", file.name()));
        summary.fileDone();
        LOG.info("{}: {} records handled ({}); moved to {}", file.name(), file.recordsRead(), file.tally().jobs(),
                exchange.getProperty(ARCHIVE_PATH));
    }

    /** Quarantines the file after an error nobody anticipated, so a poison file cannot loop forever. */
    public void unexpected(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (error instanceof IntakePausedException paused) {
            throw paused;
        }
        IntakeBatch file = exchange.getProperty(INPUT, IntakeBatch.class);
        if (file == null) {
            String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
            file = IntakeBatch.unusable(exchange.getFromRouteId(), name, "unexpected error");
        }
        file.close();
        LOG.error("Unexpected error while handling {}", file.name(), error);
        quarantine(exchange, file, "unexpected error: " + error);
    }

    private void quarantine(Exchange exchange, IntakeBatch file, String problem) {
        String archive = archivePath(".error", file.name());
        exchange.setProperty(ARCHIVE_PATH, archive);
        exchange.setProperty(REASON_PATH, archive + ".reason.txt");
        StringBuilder reason = new StringBuilder()
                .append("File: ").append(file.name()).append('\n')
                .append("Route: ").append(file.route()).append('\n')
                .append("Quarantined at: ").append(clock.instant()).append('\n');
        if (file.mapping() != null) {
            reason.append("Mapping: ").append(file.mapping()).append('\n');
        }
        reason.append("Records handled before the problem: ").append(file.recordsRead())
                .append(file.recordsRead() > 0 ? " (their outcomes are in the results)" : "").append('\n')
                .append("Problem: ").append(problem).append('\n');
        exchange.setProperty(REASON, reason.toString());
        summary.fileQuarantined();
        results.publish(new JobResult(JobStatus.FAILED, null, null, null, List.of(file.name() + ": " + problem),
                new JobSource(file.route(), file.name(), null, null),
                file.mapping() == null ? null : file.mapping().name(), null, null, 0, clock.instant()),
                exchange.getProperty(ResultPublisher.SINKS, String.class));
        LOG.warn("{} quarantined to {}: {}", file.name(), archive, problem);
    }

    /** {@code greenhouse/jobs.json} becomes {@code .done/greenhouse/20261128-215200-123-jobs.json}. */
    private String archivePath(String folder, String name) {
        int slash = name.lastIndexOf('/');
        String directory = slash < 0 ? "" : name.substring(0, slash + 1);
        String fileName = name.substring(slash + 1);
        return folder + "/" + directory + STAMP.format(clock.instant()) + "-" + fileName;
    }
}
