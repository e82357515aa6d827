package dev.jobmojito.connector.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.jobmojito.JobMojitoRoutes;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.results.RunSummary;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import dev.jobmojito.connector.support.TestMappings;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.JobMojitoProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * The invitation path as shipped ({@code pipeline/invitations.camel.yaml}) on a bare Camel context, with the
 * real one way out to JobMojito ({@link JobMojitoRoutes}) pointed at a loopback stand-in backed by the sandbox,
 * the bundled candidate mappings, and a ledger database that outlives the context (a restart is a new harness
 * on the same database). Results are kept instead of written.
 */
final class InvitationHarness implements AutoCloseable {

    final DataSource database;
    final JobMojitoStandIn jobMojito;
    final List<JobResult> results = new CopyOnWriteArrayList<>();
    final InvitationLedger invitations;
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final JobMojitoEndpoint endpoint;

    InvitationHarness(DataSource database, JobMojitoStandIn jobMojito, InvitationProperties settings)
            throws Exception {
        this.database = database;
        this.jobMojito = jobMojito;
        this.invitations = new InvitationLedger(database);
        endpoint = JobMojitoEndpoint.from(new JobMojitoProperties(jobMojito.baseUrl(), Secrets.TOKEN, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        MappingRegistry mappings = new MappingRegistry(Path.of("mappings", "candidates"),
                MappingLoader.ofKind(name -> null, Invitations.FIELDS, Invitations.REQUIRED));
        RunSummary summary = new RunSummary();
        FileIntake files = new FileIntake(mappings, new IntakeGate(() -> { }), summary, Clock.systemUTC(), null,
                Duration.ZERO);
        camel.getRegistry().bind("candidateIntake", new CandidateIntake(files, mappings));
        camel.getRegistry().bind("invitations", new Invitations(invitations, new Ledger(database), settings,
                Clock.systemUTC()));
        camel.addRoutes(new JobMojitoRoutes(endpoint, ConnectorMetrics.none(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 4, 0));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record-result").routeId("record-result")
                        .process(exchange -> results.add(exchange.getIn().getBody(JobResult.class)));
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.resolveResource(camel,
                "classpath:pipeline/invitations.camel.yaml"));
        camel.start();
    }

    static InvitationProperties settings() {
        return new InvitationProperties(true, null, null, "AI interview", true, false, false, false, 2, 50);
    }

    /** Drops a file of applications as the drop folder route hands it on ({@code <mapping>/<file>}). */
    void drop(String name, String content) {
        camel.createProducerTemplate().send("direct:process-candidates-file", exchange -> {
            exchange.getIn().setHeader(Exchange.FILE_NAME, name);
            exchange.getIn().setBody(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    List<JobResult> withStatus(JobStatus status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /**
     * Makes the posting {@code source:code} exist with an interview, as a sync would have: an interview created
     * in the sandbox from the bundled lever sample, and the posting ledger's entry pointing at it.
     */
    static String postingWithInterview(DataSource database, JobMojitoStandIn jobMojito, String source, String code)
            throws Exception {
        JsonNode request = TestMappings.mapFile(TestMappings.bundled("lever"), Path.of("samples/lever/postings.json"))
                .get(0).request();
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(jobMojito.sandbox().baseUrl() + "/job-interview-create-from-array"))
                .header("Authorization", "Bearer " + Secrets.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request))).build(),
                HttpResponse.BodyHandlers.ofString());
        String interviewId = Json.MAPPER.readTree(created.body()).path("interview_def_set_id").asText();
        Ledger postings = new Ledger(database);
        postings.insertInFlight(source, code, "a posting", "0".repeat(64), "{}", Instant.now());
        postings.recordCreatedFromInFlight(Ledger.key(source, code), interviewId, Instant.now());
        return interviewId;
    }

    /** The register-users calls JobMojito received, each as its list of external ids. */
    List<List<String>> registerCalls() {
        return jobMojito.received().stream().filter(r -> r.path().equals(Invitations.REGISTER))
                .map(r -> {
                    List<String> ids = new java.util.ArrayList<>();
                    r.body().path("users").forEach(u -> ids.add(u.path("external_id").asText()));
                    return List.copyOf(ids);
                }).toList();
    }

    static Map<String, String> none() {
        return Map.of();
    }

    @Override
    public void close() {
        camel.stop();
        endpoint.close();
    }
}
