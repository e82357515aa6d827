package dev.jobmojito.connector.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.TestMappings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every bundled mapping makes of its samples and of the field cases, compared with the golden files in
 * {@code src/test/resources/golden/}: any change of output shows line by line in a diff. After a change that
 * makes the output better, rewrite them with {@code mvn test -Dtest=GoldenOutputsTest -Dgolden.update=true} and
 * say in the commit why the new output is better.
 */
class GoldenOutputsTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Stream<Arguments> inputs() throws IOException {
        Stream<Arguments> samples = inputsUnder(Path.of("samples"));
        Stream<Arguments> fieldCases = inputsUnder(Path.of("src/test/resources/field-cases"));
        return Stream.concat(samples, fieldCases);
    }

    /** Files in {@code <root>/.../<mapping>/<file>}, each read with the mapping its folder names. */
    private static Stream<Arguments> inputsUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    // samples/candidates/<ats>/ are applications, read with mappings/candidates/ (issue 15)
                    .filter(f -> !f.startsWith(Path.of("samples", "candidates")))
                    .filter(f -> Files.exists(Path.of("mappings", f.getParent().getFileName() + ".yaml")))
                    .sorted()
                    .map(f -> Arguments.of(f.getParent().getFileName().toString(), f))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("inputs")
    void theOutputIsTheGoldenOne(String mapping, Path input) throws IOException {
        ArrayNode out = Json.NODES.arrayNode();
        for (MappedJob job : TestMappings.mapFile(TestMappings.bundled(mapping), input)) {
            ObjectNode entry = out.addObject();
            entry.put("record", job.index());
            if (job.skipped()) {
                entry.put("skipped", job.skipReason());
            }
            entry.set("request", job.request());
            ArrayNode problems = entry.putArray("problems");
            job.problems().forEach(p -> problems.add(p.path() + ": " + p.message()));
        }
        String actual = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        Path golden = GOLDEN.resolve(Path.of(".").relativize(input).toString().replace('/', '_') + ".json");
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("output of %s for %s (golden file %s)", mapping, input, golden)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
