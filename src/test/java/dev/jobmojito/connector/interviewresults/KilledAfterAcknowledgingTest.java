package dev.jobmojito.connector.interviewresults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.support.ConnectorProcess;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector acknowledged a result (200) and was killed with SIGKILL while writing its note to the ATS: the
 * next start writes it, once. Both connectors are JVMs of their own on one ledger (an H2 file database), as
 * production runs them; the write-back side is stood in by a route file calling {@link StandInAts}.
 */
class KilledAfterAcknowledgingTest {

    @TempDir
    Path work;

    private final JobMojitoStandIn jobMojito = new JobMojitoStandIn();
    private ConnectorProcess first;
    private ConnectorProcess second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        jobMojito.close();
    }

    /** The port the connector's web server took (it says so at start). */
    private static int port(ConnectorProcess connector) throws Exception {
        Pattern started = Pattern.compile("started on port (\\d+)");
        try {
            return Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                Matcher port = started.matcher(connector.output());
                return port.find() ? Integer.parseInt(port.group(1)) : null;
            }, java.util.Objects::nonNull);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the connector did not start its web server:\n" + connector.output(), e);
        }
    }

    private ConnectorProcess start(String log) {
        return ConnectorProcess.start(work, jobMojito, false, work.resolve(log),
                "--logging.level.org.springframework.boot.tomcat=INFO",
                "--connector.routes=" + work.resolve("routes"),
                "--connector.interview-results.webhook-secret=" + ResultWebhooks.SECRET,
                "--connector.interview-results.writeback-endpoint=direct:ats-writeback-stand-in",
                "--connector.interview-results.process-interval=200ms",
                "--connector.interview-results.reconcile-interval=0");
    }

    @Test
    void aResultAcknowledgedAndNotYetWrittenWhenTheConnectorDiesIsWrittenOnceAfterTheRestart() throws Exception {
        Path ats = work.resolve("ats");
        Files.createDirectories(ats);
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/ats-writeback.camel.yaml"), StandInAts.routeFile(ats));
        Files.writeString(ats.resolve("hold"), "");

        first = start("first.log");
        int port = port(first);
        String body = Json.write(ResultWebhooks.result("res-crash", "i-crash", "lever:app-900", 77));
        try {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
                    ResultWebhooks.post(port, "/webhooks/jobmojito", ResultWebhooks.SECRET, body).statusCode() == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the first connector did not take the delivery:\n" + first.output(), e);
        }
        // acknowledged; the note is being written when the connector dies
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(ats.resolve("started-res-crash")));
        first.signal("KILL");
        first.awaitExit(30);
        Files.delete(ats.resolve("hold"));
        assertThat(StandInAts.notes(ats)).isEmpty();

        second = start("second.log");
        int again = port(second);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> StandInAts.notes(ats).size() == 1);
        // JobMojito delivers it again (it may have missed the 200): a duplicate, no second note
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            HttpResponse<String> answer = ResultWebhooks.post(again, "/webhooks/jobmojito", ResultWebhooks.SECRET,
                    body);
            return answer.statusCode() == 200 && answer.body().contains("duplicate");
        });
        // and stays one note over several processing ticks
        Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> StandInAts.notes(ats).size() == 1);
        assertThat(second.output()).doesNotContain(ResultWebhooks.SECRET, "Ingrid", "example.invalid");
        assertThat(first.output()).doesNotContain(ResultWebhooks.SECRET, "Ingrid", "example.invalid");
    }
}
