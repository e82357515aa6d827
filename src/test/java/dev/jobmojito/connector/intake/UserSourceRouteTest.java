package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source a user writes as a route of their own, with a component that does not poll through the connector's
 * poll strategy (here a timer that makes the export itself): it feeds {@code direct:process-file}, and once mode
 * knows it is drained after its first cycle, with no Java and no setting for it.
 */
class UserSourceRouteTest {

    private static final String TIMER_SOURCE = """
            - route:
                id: made-export
                group: intake
                from:
                  uri: timer:made-export
                  parameters:
                    repeatCount: 1
                  steps:
                    - setBody:
                        constant: '{"jobs": [{"id": 901, "title": "Barista", "content": "<p>Coffee.</p>"},
                          {"id": 902, "title": "Baker", "content": "<p>Bread.</p>"}]}'
                    - setHeader:
                        name: CamelFileName
                        constant: greenhouse/made-export.json
                    - to:
                        uri: direct:process-file
            """;

    @TempDir
    Path work;

    private JobMojitoStandIn jobMojito;

    @BeforeEach
    void start() {
        jobMojito = new JobMojitoStandIn();
    }

    @AfterEach
    void stop() {
        jobMojito.close();
    }

    @Test
    @Timeout(120) // a source once mode never sees drained would keep the run going forever
    void aTimerSourceOfTheUsersIsDrainedAfterItsFirstCycleInOnceMode() {
        OnceRunner connector = new OnceRunner(work).against(jobMojito)
                .withRoute("made-export.camel.yaml", TIMER_SOURCE);

        int exit = connector.run();

        assertThat(exit).isZero();
        assertThat(jobMojito.creates()).hasSize(2);
        assertThat(connector.resultLines()).extracting(line -> line.get("code").asText())
                .containsExactlyInAnyOrder("901", "902");
    }
}
