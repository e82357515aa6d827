package dev.jobmojito.connector.intake;

import dev.jobmojito.connector.common.FileNames;
import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.RunSummary;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** Exchange property: the local file's size and modification time when it was opened. */
    static final String OPENED_AS = "connectorOpenedAs";

    private static final Logger LOG = LoggerFactory.getLogger(FileIntake.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private final MappingRegistry mappings;
    private final IntakeGate gate;
    private final RunSummary summary;
    private final Clock clock;
    private final java.nio.file.Path inbox;
    private final java.time.Duration brokenFileGrace;
    private final java.util.Map<String, Long> brokenFilesSeen = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param inbox           the local drop folder (files outside it are refused), or null to skip that check
     * @param brokenFileGrace how long after its last change a file that cannot be read to its end is left in
     *                        place to be read again (a writer that paused) before it is quarantined
     */
    public FileIntake(MappingRegistry mappings, IntakeGate gate, RunSummary summary,
                      Clock clock, java.nio.file.Path inbox, java.time.Duration brokenFileGrace) {
        this.inbox = inbox;
        this.brokenFileGrace = brokenFileGrace;
        this.mappings = mappings;
        this.gate = gate;
        this.summary = summary;
        this.clock = clock;
    }

    /** Opens the file of the exchange: its mapping from the first folder of its name, then its records. */
    public void open(Exchange exchange) {
        if (gate.paused()) {
            throw new IntakePausedException(gate.reason());
        }
        FileStamp.of(exchange).ifPresent(stamp -> exchange.setProperty(OPENED_AS, stamp));
        String route = exchange.getFromRouteId();
        String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class).replace('\\', '/');
        int slash = name.indexOf('/');
        IntakeBatch file;
        Long length = exchange.getIn().getHeader(Exchange.FILE_LENGTH, Long.class);
        String outside = outsideTheInbox(exchange);
        if (outside != null) {
            file = IntakeBatch.unusable(route, name, outside);
        } else if (slash <= 0) {
            file = IntakeBatch.unusable(route, name, "the file is not in a mapping's folder: drop files in "
                    + "<inbox>/<mapping>/ (for example <inbox>/greenhouse/) so the connector knows how to read them");
        } else if (name.indexOf('/', slash + 1) > 0) {
            // issue 11: files in a subfolder of a mapping's folder were silently ignored
            file = IntakeBatch.unusable(route, name, "the file is in a subfolder of the mapping's folder: the "
                    + "connector reads files directly in <inbox>/" + name.substring(0, slash) + "/ only; move it "
                    + "there to have it read (subfolders are not read, so that files parked in one are not sent)");
        } else if (length != null && length == 0) {
            file = IntakeBatch.unusable(route, name, "the file is empty (0 bytes): an export with no postings still "
                    + "has its structure (a header row, {\"jobs\": []}); was it written completely?");
        } else {
            file = openWithMapping(exchange, route, name, name.substring(0, slash));
        }
        exchange.setProperty(INPUT, file);
    }

    /**
     * Why a local file may not be read: a symbolic link (or a file reached through one) could make the connector
     * read, report and send a file from anywhere on the host. Null for a regular file inside the drop folder.
     */
    private String outsideTheInbox(Exchange exchange) {
        if (exchange.getIn().getHeader("CamelFileHost") != null) {
            return null;
        }
        // the folder the route reads (a second drop folder is a copy of inbox.camel.yaml), else the inbox
        java.nio.file.Path folder = exchange.getFromEndpoint()
                instanceof org.apache.camel.component.file.FileEndpoint endpoint ? endpoint.getFile().toPath() : inbox;
        if (folder == null) {
            return null;
        }
        String path = exchange.getIn().getHeader(Exchange.FILE_PATH, String.class);
        if (path == null) {
            return null;
        }
        try {
            java.nio.file.Path file = java.nio.file.Path.of(path);
            if (java.nio.file.Files.isSymbolicLink(file)) {
                return "the file is a symbolic link: the drop folder reads regular files only (copy the file in)";
            }
            if (!file.toRealPath().startsWith(folder.toRealPath())) {
                return "the file is reached through a symbolic link and lies outside the drop folder: the drop "
                        + "folder reads regular files inside it only";
            }
            return null;
        } catch (java.io.IOException e) {
            return "the file cannot be read: " + e.getMessage();
        }
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
                    exchange.getProperty(SOURCE, mapping.source(), String.class));
        } catch (InputException e) {
            return IntakeBatch.unusable(route, name, e.getMessage());
        } catch (Exception e) {
            return IntakeBatch.unusable(route, name, "the file cannot be read: " + e.getMessage());
        } catch (StackOverflowError e) {
            return IntakeBatch.unusable(route, name, "the file is nested too deeply to be read");
        } catch (OutOfMemoryError e) {
            return IntakeBatch.unusable(route, name, "the file is too large for the memory the connector has "
                    + "(raise -Xmx, or split the file)");
        }
    }

    /**
     * Decides where the file goes once its jobs are handled: {@code .done/} when every job has its outcome,
     * {@code .error/} when it could not be read, or back into the inbox (the exchange fails on purpose, the
     * consumer rolls back) when intake closed before every job was handled, or when the file changed while it
     * was read (a writer still at work): the next poll reads it again and the ledger skips what was sent.
     *
     * @return the file's own result when it is quarantined (for the result sinks), else null
     */
    public JobResult finish(Exchange exchange) {
        IntakeBatch file = exchange.getProperty(INPUT, IntakeBatch.class);
        file.close();
        FileStamp opened = exchange.getProperty(OPENED_AS, FileStamp.class);
        if (opened != null && opened.changed()) {
            // not counted as left: the next poll of the same run reads it again
            LOG.info("{} changed while it was read (a writer still at work?): left in the inbox to be read again;"
                    + " postings already sent are skipped as unchanged", FileNames.printable(file.name()));
            throw new IntakePausedException("the file changed while it was read");
        }
        if (!file.finished() || gate.paused() && !gate.stopping()) {
            summary.fileLeft();
            String reason = gate.reason() == null ? "not every job was handled" : gate.reason();
            LOG.warn("{} stays in the inbox: {}", FileNames.printable(file.name()), reason);
            throw new IntakePausedException(reason);
        }
        if (file.problem() != null && file.mapping() != null && opened != null && opened.size() > 0
                && opened.youngerThan(brokenFileGrace, clock.instant())) {
            // not quarantined yet: a writer that paused longer than the settle time may still finish it (said
            // once per version of the file, not at every poll)
            Long before = brokenFilesSeen.put(file.name(), opened.modified());
            if (before == null || before != opened.modified()) {
                LOG.info("{} cannot be read to its end ({}) and changed less than {} s ago: left in the inbox to be "
                        + "read again, quarantined if it stays so", FileNames.printable(file.name()), file.problem(),
                        brokenFileGrace.toSeconds());
            }
            throw new IntakePausedException("the file is broken and was changed recently");
        }
        brokenFilesSeen.remove(file.name());
        if (file.problem() != null) {
            return quarantine(exchange, file, file.problem());
        }
        exchange.setProperty(ARCHIVE_PATH, archivePath(".done", file.name()));
        summary.fileDone();
        LOG.info("{}: {} records handled ({}); moved to {}", FileNames.printable(file.name()), file.recordsRead(),
                file.tally().jobs(), FileNames.printable(exchange.getProperty(ARCHIVE_PATH, String.class)));
        return null;
    }

    /**
     * Quarantines the file after an error nobody anticipated, so a poison file cannot loop forever.
     *
     * @return the file's result, for the result sinks
     * @throws IntakePausedException when the file is to stay in the inbox (intake closed, outcome not writable)
     */
    public JobResult unexpected(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (error instanceof IntakePausedException paused) {
            throw paused;
        }
        if (dev.jobmojito.connector.delivery.DeliveryJobs.notRecordable(error)) {
            // the file's outcome cannot be written down: it stays where it is, and intake stops
            gate.pause("the outcome of " + FileNames.printable(exchange.getIn().getHeader(Exchange.FILE_NAME,
                    String.class)) + " could not be recorded: " + error.getMessage());
            summary.fileLeft();
            throw new IntakePausedException(gate.reason());
        }
        IntakeBatch file = exchange.getProperty(INPUT, IntakeBatch.class);
        if (file == null) {
            String name = exchange.getIn().getHeader(Exchange.FILE_NAME, String.class);
            file = IntakeBatch.unusable(exchange.getFromRouteId(), name, "unexpected error");
        }
        file.close();
        LOG.error("Unexpected error while handling {}", FileNames.printable(file.name()), error);
        return quarantine(exchange, file, "unexpected error: " + error);
    }

    private JobResult quarantine(Exchange exchange, IntakeBatch file, String problem) {
        String archive = archivePath(".error", file.name());
        exchange.setProperty(ARCHIVE_PATH, archive);
        exchange.setProperty(REASON_PATH, archive + ".reason.txt");
        StringBuilder reason = new StringBuilder()
                .append("File: ").append(FileNames.printable(file.name())).append('\n')
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
        LOG.warn("{} quarantined to {}: {}", FileNames.printable(file.name()), FileNames.printable(archive), problem);
        return new JobResult(JobStatus.FAILED, null, null, null, List.of(FileNames.printable(file.name()) + ": "
                + problem), new JobSource(file.route(), file.name(), null, null),
                file.mapping() == null ? null : file.mapping().name(), null, null, 0, clock.instant());
    }

    /** {@code greenhouse/jobs.json} becomes {@code .done/greenhouse/20261128-215200-123-jobs.json}. */
    private String archivePath(String folder, String name) {
        int slash = name.lastIndexOf('/');
        String directory = slash < 0 ? "" : name.substring(0, slash + 1);
        String fileName = name.substring(slash + 1);
        return folder + "/" + directory + STAMP.format(clock.instant()) + "-" + fileName;
    }
}
