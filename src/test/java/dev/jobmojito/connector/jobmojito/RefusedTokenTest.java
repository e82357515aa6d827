package dev.jobmojito.connector.jobmojito;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A refused token is found by one call: the first call goes alone, the others wait for its answer. */
@ExtendWith(OutputCaptureExtension.class)
class RefusedTokenTest {

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work).against(jobMojito).with("--connector.concurrency=4");
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    private static String jobs(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> """
                {"id": %d, "title": "Cook %d", "location": {"name": "Berlin"}, "language": "en",
                 "content": "&lt;p&gt;Cook and serve.&lt;/p&gt;", "departments": [{"name": "Kitchen"}]}"""
                .formatted(9100 + i, i)).collect(Collectors.joining(",", "{\"jobs\": [", "]}"));
    }

    @Test
    void withARejectedTokenAndFourInFlightExactlyOneCallGets401(CapturedOutput output) {
        // the 401 comes slowly, so without the first call going alone all four workers would have sent theirs
        jobMojito.answer(request -> new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
                .body("{\"error\":\"Invalid JWT\"}").headersDelay(300, TimeUnit.MILLISECONDS).build());
        connector.drop("greenhouse", "eight.json", jobs(8));

        assertThat(connector.run()).isEqualTo(1);

        assertThat(jobMojito.received()).hasSize(1);
        assertThat(output.getAll()).contains("refused the API token (401)", "Stopped early");
    }

    @Test
    void onceTheFirstCallIsAcceptedTheOthersGoTogether() {
        connector.drop("greenhouse", "eight.json", jobs(8));

        assertThat(connector.run()).isZero();

        assertThat(jobMojito.creates()).hasSize(8);
        assertThat(jobMojito.interviews()).hasSize(8);
    }
}
