package dev.jobmojito.connector.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.Parser;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.MappedJob;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Postings per second through each way of turning the same generated Greenhouse export into JSON, in one JVM
 * and one run: every operation reads the whole export (streamed with Jackson) and writes the output.
 *
 * <ul>
 *   <li>{@code floor}: Jackson reads each posting as a tree and writes code, name, location, description;</li>
 *   <li>{@code floorFullRequest}: Jackson reads each posting as a tree and writes the full request that the
 *       Greenhouse mapping makes of it, made beforehand: reading and writing without mapping;</li>
 *   <li>{@code jslt}: JSLT makes the same four fields;</li>
 *   <li>{@code oursFourFields}: our mapping engine makes the same four fields;</li>
 *   <li>{@code oursGreenhouse}: the bundled Greenhouse mapping in full: HTML to text and to Markdown,
 *       requirements extracted, questions, validation, the whole request written.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class MappingBenchmark {

    public static final int POSTINGS = 5_000;

    private byte[] export;
    private Mapping greenhouse;
    private Mapping fourFields;
    private Expression jslt;
    private JsonNode[] greenhouseRequests;

    @Setup
    public void setUp() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        GreenhouseExport.write(buffer, POSTINGS, 7);
        export = buffer.toByteArray();
        MappingLoader loader = new MappingLoader(MappingLoader.environment("5a4db0c8-5a4d-4b0c-8000-000000000001"));
        greenhouse = loader.load(Path.of("mappings/greenhouse.yaml"));
        fourFields = loader.load("four", "four.yaml", new StringReader("""
                records: $.jobs[*]
                fields:
                  code: $.id
                  name: $.title
                  location: $.location.name
                  description: $.content
                  candidate_expectations: c
                questions: [q]
                """));
        // a few requests, written again and again: they stay in the CPU cache as a request just made does
        greenhouseRequests = new JsonNode[64];
        try (RecordStream records = RecordStreams.open(new ByteArrayInputStream(export), "jobs.json", greenhouse)) {
            for (int i = 0; i < greenhouseRequests.length; i++) {
                InputRecord record = records.next();
                greenhouseRequests[i] = greenhouse.map(record.node(), record.document(), record.index()).request();
            }
        }
        jslt = Parser.compileString(
                "{\"code\": string(.id), \"name\": .title, \"location\": .location.name, \"description\": .content}");
    }

    @Benchmark
    @OperationsPerInvocation(POSTINGS)
    public int floor() throws IOException {
        return eachPosting((job, index, out) -> {
            out.writeStartObject();
            out.writeStringField("code", job.path("id").asText());
            out.writeStringField("name", job.path("title").asText());
            out.writeStringField("location", job.path("location").path("name").asText());
            out.writeStringField("description", job.path("content").asText());
            out.writeEndObject();
        });
    }

    /**
     * The floor for the full mapping's output: Jackson reads each posting as a tree and writes the request the
     * Greenhouse mapping makes of it (made beforehand), with no mapping work at all. No engine that reads these
     * postings and writes these requests can go faster.
     */
    @Benchmark
    @OperationsPerInvocation(POSTINGS)
    public int floorFullRequest() throws IOException {
        return eachPosting((job, index, out) ->
                out.writeTree(job.has("id") ? greenhouseRequests[index % greenhouseRequests.length] : job));
    }

    @Benchmark
    @OperationsPerInvocation(POSTINGS)
    public int jslt() throws IOException {
        return eachPosting((job, index, out) -> out.writeTree(jslt.apply(job)));
    }

    /** What one of the Jackson-based benchmarks writes for a posting. */
    private interface PostingWriter {
        void write(JsonNode job, int index, JsonGenerator out) throws IOException;
    }

    /** Streams the export, reads each posting as a tree and hands it to {@code writer}; returns the count. */
    private int eachPosting(PostingWriter writer) throws IOException {
        int count = 0;
        try (JsonParser parser = Json.MAPPER.createParser(export);
             JsonGenerator out = Json.MAPPER.createGenerator(OutputStream.nullOutputStream())) {
            toRecords(parser);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                writer.write(Json.MAPPER.readTree(parser), count, out);
                count++;
            }
        }
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(POSTINGS)
    public int oursFourFields() throws IOException {
        return ours(fourFields, false);
    }

    @Benchmark
    @OperationsPerInvocation(POSTINGS)
    public int oursGreenhouse() throws IOException {
        return ours(greenhouse, true);
    }

    private int ours(Mapping mapping, boolean full) throws IOException {
        int valid = 0;
        try (RecordStream records = RecordStreams.open(new ByteArrayInputStream(export), "jobs.json", mapping);
             JsonGenerator out = Json.MAPPER.createGenerator(OutputStream.nullOutputStream())) {
            while (records.hasNext()) {
                InputRecord record = records.next();
                MappedJob job = mapping.map(record.node(), record.document(), record.index());
                out.writeTree(job.request());
                valid += !full || job.valid() ? 1 : 0;
            }
        }
        if (full && valid != POSTINGS) {
            throw new IllegalStateException("only " + valid + " valid requests");
        }
        return valid;
    }

    private static void toRecords(JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.START_ARRAY) {
            // to the jobs array
        }
    }
}
