package dev.jobmojito.connector.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.jobmojito.Problem;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.sandbox.JobMojitoSandbox;
import dev.jobmojito.connector.system.CommandLineSettings;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code preview --mapping=FILE|NAME --input=FILE}: shows what a mapping makes of an input without sending
 * anything. Prints a JSON array with one element per job, {@code {"request": ..., "problems": [...]}}, or
 * {@code {"skipped": "reason"}}; written as a stream, so a large export previews in constant memory.
 * Exit 0 when every job is valid (or skipped), 1 otherwise, 2 when the mapping itself has errors or the input is
 * missing or a folder (the error names the folder's files).
 */
public final class PreviewCommand {

    private final PrintStream out;
    private final PrintStream err;

    public PreviewCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        Map<String, String> options = Options.parse(args);
        String mappingArg = options.get("mapping");
        String inputArg = options.get("input");
        if (mappingArg == null || inputArg == null) {
            err.println("usage: preview --mapping=<mapping file or name> --input=<export file>");
            return 2;
        }
        CommandLineSettings settings = CommandLineSettings.of(Options.passThrough(args));
        JobMojitoProperties jobMojito = settings.jobMojito();
        String templateId = jobMojito.interviewTemplateId();
        if ((templateId == null || templateId.isBlank()) && jobMojito.sandbox()) {
            templateId = JobMojitoSandbox.TEMPLATE_ID;
            err.println("note: JOBMOJITO_BASE_URL is not set, so requests use the sandbox's interview_template_id");
        }
        Path mappingFile = Options.mappingFile(mappingArg, settings.connector().mappings());
        Mapping mapping;
        try {
            mapping = new MappingLoader(MappingLoader.environment(blankToNull(templateId))).load(mappingFile);
        } catch (MappingException e) {
            err.println(e.getMessage());
            return 2;
        }
        Path input = Path.of(inputArg);
        if (Files.isDirectory(input)) {
            // issue 11: a folder was opened as a file and the read failed with a stack trace
            err.println(input + " is a folder: preview reads one export file. " + filesIn(input));
            return 2;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(input), 1 << 16);
             RecordStream records = RecordStreams.open(in, input.getFileName().toString(), mapping)) {
            return write(records, mapping, out);
        } catch (NoSuchFileException e) {
            err.println("no such input file: " + input);
            return 2;
        } catch (InputException e) {
            err.println(input + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(input + ": " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            // the charset is decided while the stream is opened, where a read error comes out unchecked
            err.println(input + ": " + e.getCause().getMessage());
            return 1;
        }
    }

    private int write(RecordStream records, Mapping mapping, OutputStream stream) throws IOException {
        boolean allValid = true;
        UnmatchedPaths unmatched = new UnmatchedPaths(mapping);
        JsonGenerator json = Json.MAPPER.getFactory().createGenerator(stream);
        json.useDefaultPrettyPrinter();
        json.writeStartArray();
        try {
            while (records.hasNext()) {
                InputRecord record = records.next();
                ObjectNode element = Json.object();
                element.put("record", record.index());
                if (record.line() != null) {
                    element.put("line", record.line());
                }
                if (record.problem() != null) {
                    element.putArray("problems").add(record.problem());
                    allValid = false;
                } else {
                    unmatched.read(record.node());
                    MappedJob job = mapping.map(record.node(), record.document(), record.index());
                    if (job.skipped()) {
                        element.put("skipped", job.skipReason());
                    } else {
                        element.set("request", job.request());
                        var problems = element.putArray("problems");
                        job.problems().stream().map(Problem::toString).forEach(problems::add);
                        allValid &= job.valid();
                    }
                }
                json.writeTree(element);
            }
        } catch (InputException e) {
            json.writeEndArray();
            json.flush();
            out.println();
            err.println("the input breaks after " + records.count() + " records: " + e.getMessage());
            return 1;
        }
        json.writeEndArray();
        json.flush();
        out.println();
        unmatched.warnings().forEach(warning -> err.println("warning: " + warning));
        return allValid ? 0 : 1;
    }

    /** Which files of {@code folder} to name instead (the first few, sorted), or that it holds none. */
    private static String filesIn(Path folder) {
        try (var entries = Files.list(folder)) {
            var files = entries.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
            if (files.isEmpty()) {
                return "It holds no files.";
            }
            String shown = String.join(", ", files.subList(0, Math.min(5, files.size())));
            return "Name one of its files with --input, e.g. " + shown + (files.size() > 5 ? ", ..." : "");
        } catch (IOException e) {
            return "Name one of its files with --input.";
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
