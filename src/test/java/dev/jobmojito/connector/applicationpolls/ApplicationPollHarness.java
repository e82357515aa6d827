package dev.jobmojito.connector.applicationpolls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.invitations.InvitationLedger;
import dev.jobmojito.connector.invitations.InvitationProperties;
import dev.jobmojito.connector.invitations.Invitations;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.jobmojito.JobMojitoRoutes;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.ops.ConnectorMetrics;
import dev.jobmojito.connector.poll.AtsFetchRoutes;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.Secrets;
import dev.jobmojito.connector.support.TestMappings;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.ConnectorProperties;
import dev.jobmojito.connector.system.JobMojitoProperties;
import dev.jobmojito.connector.writeback.WritebackRoutes;
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
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.awaitility.Awaitility;

/**
 * A shipped application poll as it runs: the route template and one of the poll-applications-*.camel.yaml files
 * from the routes folder, the pipeline's application-poll and invitation routes, the real way out to JobMojito
 * ({@link JobMojitoRoutes}, to a loopback stand-in backed by the sandbox) and to the ATS ({@link
 * poll.AtsFetchRoutes}, and the write-back's {@code ats-write-call} for OAuth tokens), the bundled candidate
 * mappings, and a ledger database that outlives the context (a restart is a new harness on it). The poll's route
 * does not start by itself: {@link #cycle()} runs exactly one cycle. Results are kept instead of written.
 */
final class ApplicationPollHarness implements AutoCloseable {

    final List<JobResult> results = new CopyOnWriteArrayList<>();
    final PollWatermarks watermarks;
    final InvitationLedger invitations;
    /** Once mode's view of the intake routes: a poll is settled after a cycle (as the connector registers it). */
    final DrainTracker drain = new DrainTracker();
    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final JobMojitoEndpoint endpoint;
    private final String pollId;

    /**
     * @param routeFile the shipped route file, e.g. poll-applications-lever.camel.yaml
     * @param pollId    its route id
     * @param settings  the connector settings its placeholders read ({@code connector.invitations.polls.*})
     */
    ApplicationPollHarness(DataSource database, JobMojitoStandIn jobMojito, String routeFile, String pollId,
                           Map<String, String> settings) throws Exception {
        this.pollId = pollId;
        this.watermarks = new PollWatermarks(database);
        this.invitations = new InvitationLedger(database);
        endpoint = JobMojitoEndpoint.from(new JobMojitoProperties(jobMojito.baseUrl(), Secrets.TOKEN, null, null,
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        Properties properties = new Properties();
        properties.putAll(settings);
        camel.getPropertiesComponent().setInitialProperties(properties);
        // as application.yaml sets it: HttpClient would otherwise retry a 503 by itself
        var http = new org.apache.camel.component.http.HttpComponent();
        http.setAutomaticRetriesDisabled(true);
        camel.addComponent("http", http);
        MappingRegistry mappings = new MappingRegistry(Path.of("mappings", "candidates"),
                MappingLoader.ofKind(name -> null, Invitations.FIELDS, Invitations.REQUIRED));
        IntakeGate gate = new IntakeGate(() -> { });
        // the drop folder's route is loaded with the invitation path; its file rules are not used here
        camel.getRegistry().bind("candidateIntake", new dev.jobmojito.connector.invitations.CandidateIntake(
                new dev.jobmojito.connector.intake.FileIntake(mappings, gate,
                        new dev.jobmojito.connector.results.RunSummary(), Clock.systemUTC(), null, Duration.ZERO),
                mappings));
        camel.getRegistry().bind("invitations", new Invitations(invitations, new Ledger(database),
                new InvitationProperties(true, null, null, "AI interview", true, false, false, false, 2, 50),
                Clock.systemUTC()));
        camel.getManagementStrategy().addEventNotifier(drain);
        camel.getRegistry().bind("applicationPoller", new ApplicationPoller(mappings, watermarks, gate, drain,
                Clock.systemUTC()));
        camel.getRegistry().bind("applicationPages", new ApplicationPages());
        // postings are not created first here (ApplicationPollCreatePostingsTest runs the whole connector for that)
        camel.getRegistry().bind("postingsFirst", new PostingsFirst(false, null));
        camel.addRoutes(new JobMojitoRoutes(endpoint, ConnectorMetrics.none(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 4, 0));
        camel.addRoutes(new AtsFetchRoutes(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        // only its ats-write-call route is used here (the OAuth token request of Greenhouse)
        var writeback = new dev.jobmojito.connector.writeback.Writeback(
                new dev.jobmojito.connector.writeback.ResultMappings(Path.of("mappings/results"),
                        new MappingLoader(name -> null)),
                new dev.jobmojito.connector.writeback.WritebackLedger(database, Clock.systemUTC()),
                new dev.jobmojito.connector.writeback.WritebackLetters(database, Clock.systemUTC()), "folder",
                Duration.ofSeconds(5), Clock.systemUTC());
        camel.addRoutes(new WritebackRoutes(writeback, new ConnectorProperties.Retry(1, Duration.ofMillis(10),
                Duration.ofMillis(10), Duration.ofSeconds(1)), Duration.ofSeconds(2), Duration.ofSeconds(2)));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:record-result").routeId("record-result")
                        .process(exchange -> results.add(exchange.getIn().getBody(JobResult.class)));
            }
        });
        var loader = PluginHelper.getRoutesLoader(camel);
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "classpath:pipeline/invitations.camel.yaml"));
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "classpath:pipeline/application-polls.camel.yaml"));
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/poll-applications-template.camel.yaml"));
        loader.loadRoutes(ResourceHelper.resolveResource(camel, "file:routes/" + routeFile));
        camel.start();
    }

    /**
     * Runs one cycle of the poll (its timer fires a second after the route starts) and waits for its end, and
     * for once mode's view of it (drained, nothing in flight). A timer that did not fire is started again; a
     * firing that made an exchange is never repeated.
     */
    void cycle() throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            // the timer's own exchange: the copies the enricher and the splitters make carry a correlation id
            NotifyBuilder created = new NotifyBuilder(camel).fromRoute(pollId)
                    .filter(exchange -> exchange.getProperty(Exchange.CORRELATION_ID) == null).whenReceived(1)
                    .create();
            NotifyBuilder done = new NotifyBuilder(camel).fromRoute(pollId)
                    .filter(exchange -> exchange.getProperty(Exchange.CORRELATION_ID) == null).whenDone(1).create();
            camel.getRouteController().startRoute(pollId);
            boolean fired = created.matches(5, TimeUnit.SECONDS);
            if (fired && !done.matches(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the poll's cycle did not end within 30 s");
            }
            if (fired) {
                // the notifiers are told one after the other: the drain tracker may hear of the end just after
                Awaitility.await("once mode sees the poll's cycle as finished").atMost(Duration.ofSeconds(10))
                        .until(() -> drain.settled(pollId) && camel.getInflightRepository().size(pollId) == 0);
            }
            camel.getRouteController().stopRoute(pollId);
            if (fired || created.matches()) {
                return;
            }
        }
        throw new AssertionError("the poll's timer never fired");
    }

    List<JobResult> withStatus(JobStatus status) {
        return results.stream().filter(r -> r.status() == status).toList();
    }

    /**
     * Makes the posting {@code source:code} exist with an interview, as a posting sync would have: an interview
     * created in the sandbox, and the posting ledger's entry pointing at it.
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

    /** The external ids JobMojito registered (the sandbox's register-users rows), in order. */
    static List<String> registered(JobMojitoStandIn jobMojito) {
        return jobMojito.sandbox().registrations().stream().map(r -> r.path("external_id").asText()).toList();
    }

    @Override
    public void close() {
        camel.stop();
        endpoint.close();
    }
}
