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
import dev.jobmojito.connector.support.TestMappings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/** A rough, quick comparison to steer optimisation; the real figures come from {@link MappingBenchmark} (JMH). */
public final class QuickMeasure {

    public static void main(String[] args) throws Exception {
        int postings = 20_000;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        GreenhouseExport.write(buffer, postings, 7);
        byte[] export = buffer.toByteArray();
        Mapping mapping = TestMappings.bundled("greenhouse");
        Expression jslt = Parser.compileString(
                "{\"code\": string(.id), \"name\": .title, \"location\": .location.name, \"description\": .content}");
        for (int round = 0; round < 6; round++) {
            long t0 = System.nanoTime();
            int mapped = ours(export, mapping);
            long t1 = System.nanoTime();
            int floor = floor(export);
            long t2 = System.nanoTime();
            int peer = jslt(export, jslt);
            long t3 = System.nanoTime();
            System.out.printf("round %d: ours %.0f/s  floor %.0f/s  jslt %.0f/s  (%d %d %d)%n", round,
                    postings / ((t1 - t0) / 1e9), postings / ((t2 - t1) / 1e9), postings / ((t3 - t2) / 1e9),
                    mapped, floor, peer);
        }
    }

    static int ours(byte[] export, Mapping mapping) throws Exception {
        int valid = 0;
        try (RecordStream records = RecordStreams.open(new ByteArrayInputStream(export), "jobs.json", mapping);
             JsonGenerator out = Json.MAPPER.createGenerator(OutputStream.nullOutputStream())) {
            while (records.hasNext()) {
                InputRecord record = records.next();
                MappedJob job = mapping.map(record.node(), record.document(), record.index());
                out.writeTree(job.request());
                valid += job.valid() ? 1 : 0;
            }
        }
        return valid;
    }

    static int floor(byte[] export) throws Exception {
        int count = 0;
        try (JsonParser parser = Json.MAPPER.createParser(export);
             JsonGenerator out = Json.MAPPER.createGenerator(OutputStream.nullOutputStream())) {
            while (parser.nextToken() != JsonToken.START_ARRAY) {
                // to the jobs array
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode job = Json.MAPPER.readTree(parser);
                out.writeStartObject();
                out.writeStringField("code", job.path("id").asText());
                out.writeStringField("name", job.path("title").asText());
                out.writeStringField("location", job.path("location").path("name").asText());
                out.writeStringField("description", job.path("content").asText());
                out.writeEndObject();
                count++;
            }
        }
        return count;
    }

    static int jslt(byte[] export, Expression expression) throws Exception {
        int count = 0;
        try (JsonParser parser = Json.MAPPER.createParser(export)) {
            while (parser.nextToken() != JsonToken.START_ARRAY) {
                // to the jobs array
            }
            try (JsonGenerator out = Json.MAPPER.createGenerator(OutputStream.nullOutputStream())) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode job = Json.MAPPER.readTree(parser);
                    out.writeTree(expression.apply(job));
                    count++;
                }
            }
        }
        return count;
    }
}
