package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.input.ListRecordStream;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.writeback.AtsConnection;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * The steps of a poll cycle in the {@code process-poll} route: {@link #start} decides whether the poll is due and
 * makes its {@link PollCycle} (the body while the ATS is read, page by page through {@code direct:ats-fetch} and
 * {@link AtsPages}); {@link #complete} hands the records to the pipeline as one batch, or turns a failed cycle into
 * its result. Any page that fails makes the whole cycle a failed poll: its records are not sent and, above all,
 * nothing is closed for being absent.
 */
public final class AtsPoller {

    /** Exchange property: when the cycle started; postings not seen since then left the ATS. */
    public static final String STARTED = "connectorPollStarted";
    /** Exchange property: whether the poll closes postings that left the ATS. */
    public static final String CLOSE_MISSING = "connectorPollCloseMissing";

    private static final Logger LOG = LoggerFactory.getLogger(AtsPoller.class);

    private final MappingRegistry mappings;
    private final IntakeGate gate;
    private final DrainTracker drain;
    private final Clock clock;
    private final boolean once;
    private final Instant startedAt;
    private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();

    public AtsPoller(MappingRegistry mappings, IntakeGate gate, DrainTracker drain, Clock clock, boolean once) {
        this.mappings = mappings;
        this.gate = gate;
        this.drain = drain;
        this.clock = clock;
        this.once = once;
        this.startedAt = clock.instant();
    }

    /**
     * Starts a cycle of the poll when it is due: the body becomes its {@link PollCycle}, or, when the poll cannot
     * even start (no URL, an unknown mapping, a secret file that cannot be read), the cycle's failed result. Not
     * due, or intake paused: the body stays empty and nothing happens.
     */
    public void start(AtsPoll settings, Exchange exchange) {
        String route = exchange.getFromRouteId();
        exchange.getIn().setBody(null);
        if (gate.paused() || !due(route, settings)) {
            return;
        }
        try {
            if (settings.getUrl().isEmpty()) {
                throw new PollFailedException("the poll has no url");
            }
            Mapping mapping = mappings.get(settings.getMapping());
            exchange.getIn().setBody(new PollCycle(route, settings, mapping, headers(settings), clock.instant()));
        } catch (PollFailedException | MappingException e) {
            exchange.getIn().setBody(failed(route, settings, e.getMessage()));
        }
    }

    /**
     * The ATS is read (body: the {@link PollCycle}): a complete cycle's records become the batch of the exchange
     * ({@code connectorInput}); a failed cycle's body becomes its result.
     */
    public void complete(Exchange exchange) {
        PollCycle cycle = exchange.getIn().getBody(PollCycle.class);
        if (cycle.failure() != null) {
            if (cycle.settings().getAuth().equalsIgnoreCase("oauth")) {
                // a refused or expired token fails a page: the next cycle asks for a new one
                cycle.settings().oauth().forget();
            }
            exchange.getIn().setBody(failed(cycle.route(), cycle.settings(), cycle.failure()));
            return;
        }
        AtsPoll settings = cycle.settings();
        String safeUrl = PollUrls.safe(settings.getUrl());
        LOG.info("Poll {}: {} postings read from {}", cycle.route(), cycle.records().size(), safeUrl);
        String source = settings.getSource().isEmpty() ? cycle.mapping().source() : settings.getSource();
        exchange.setProperty(FileIntake.INPUT, new IntakeBatch(cycle.route(), safeUrl, cycle.mapping(),
                new ListRecordStream(cycle.records()), gate, source));
        exchange.setProperty(STARTED, cycle.started());
        exchange.setProperty(CLOSE_MISSING, !settings.getCloseMissing().equalsIgnoreCase("false"));
        exchange.getIn().setBody(null);
    }

    private JobResult failed(String route, AtsPoll settings, String reason) {
        drain.cycleFailed(route, reason);
        LOG.error("Poll {} failed: {}. Nothing is closed; it is tried again at the next cycle.", route, reason);
        return new JobResult(JobStatus.FAILED, null, null, null,
                List.of("poll failed: " + reason + " (nothing was closed; tried again at the next cycle)"),
                new JobSource(route, PollUrls.safe(settings.getUrl()), null, null), settings.getMapping(), null, null,
                0, clock.instant());
    }

    /** A poll with a cron expression runs when it falls due (once mode runs it at once); others every tick. */
    private boolean due(String route, AtsPoll settings) {
        if (settings.getCron().isEmpty()) {
            return true;
        }
        CronExpression cron = CronExpression.parse(settings.getCron());
        Instant now = clock.instant();
        Instant last = lastRuns.get(route);
        if (last == null && once) {
            lastRuns.put(route, now);
            return true;
        }
        var next = cron.next((last == null ? startedAt : last).atZone(ZoneOffset.UTC));
        if (next != null && !next.toInstant().isAfter(now)) {
            lastRuns.put(route, now);
            return true;
        }
        return false;
    }

    /** The request headers of every call: authentication (secrets read now, so a rotated file is used) and extras. */
    public static Map<String, String> headers(AtsPoll settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json, application/vnd.api+json, application/xml;q=0.9, */*;q=0.5");
        for (String pair : settings.getHeaders().split(";")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                headers.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
            }
        }
        switch (settings.getAuth().toLowerCase(Locale.ROOT)) {
            case "none", "" -> {
                // a public job board
            }
            case "bearer" -> headers.put("Authorization", "Bearer " + secret(settings.getToken(),
                    settings.getTokenFile(), "token"));
            case "basic" -> {
                // the user may be the secret (Lever's API key, with an empty password)
                String user = secret(settings.getUsername(), settings.getUsernameFile(), "basic auth user");
                String password = settings.getPassword().isEmpty() && settings.getPasswordFile().isEmpty() ? ""
                        : secret(settings.getPassword(), settings.getPasswordFile(), "password");
                SecretRegistry.registerBasic(user, password);
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            case "header" -> headers.put(settings.getHeaderName(), settings.getHeaderValue().replace("{token}",
                    secret(settings.getToken(), settings.getTokenFile(), "token")));
            case "oauth" -> {
                // fetched by the template's route before the cycle (OAuth 2.0 client credentials)
                String token = settings.oauth().token();
                if (token == null || settings.tokenFailure() != null) {
                    throw new PollFailedException(settings.tokenFailure() != null ? settings.tokenFailure()
                            : "no OAuth token (the token endpoint was not asked)");
                }
                headers.put("Authorization", "Bearer " + token);
            }
            default -> throw new PollFailedException("unknown auth \"" + settings.getAuth()
                    + "\" (none, bearer, basic, header, oauth)");
        }
        return headers;
    }

    private static String secret(String value, String file, String what) {
        String secret;
        try {
            secret = AtsConnection.secret(value, file);
        } catch (IOException e) {
            throw new PollFailedException("cannot read the " + what + " file " + file);
        }
        if (secret.isEmpty()) {
            throw new PollFailedException("the poll's " + what + " is not set");
        }
        return secret;
    }
}
