package dev.jobmojito.connector.poll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputCharset;
import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.ListRecordStream;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeBatch;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.mapping.InputFormat;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.mapping.RecordPath;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobSource;
import dev.jobmojito.connector.results.JobStatus;
import dev.jobmojito.connector.secrets.SecretRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.support.CronExpression;

/**
 * Runs one cycle of a configured poll: reads every page of the ATS API (and each posting's detail when asked),
 * and hands the records to the pipeline as one batch. Any page that fails makes the whole cycle a failed poll:
 * its records are not sent and, above all, nothing is closed for being absent.
 */
public final class AtsPoller {

    /** Exchange property: when the cycle started; postings not seen since then left the ATS. */
    public static final String STARTED = "connectorPollStarted";
    /** Exchange property: whether the poll closes postings that left the ATS. */
    public static final String CLOSE_MISSING = "connectorPollCloseMissing";

    private static final Logger LOG = LoggerFactory.getLogger(AtsPoller.class);

    private final MappingRegistry mappings;
    private final ProducerTemplate producer;
    private final IntakeGate gate;
    private final DrainTracker drain;
    private final Clock clock;
    private final boolean once;
    private final Instant startedAt;
    private final Map<String, Instant> lastRuns = new ConcurrentHashMap<>();

    public AtsPoller(MappingRegistry mappings, ProducerTemplate producer, IntakeGate gate, DrainTracker drain,
                     Clock clock, boolean once) {
        this.mappings = mappings;
        this.producer = producer;
        this.gate = gate;
        this.drain = drain;
        this.clock = clock;
        this.once = once;
        this.startedAt = clock.instant();
    }

    public void poll(AtsPoll settings, Exchange exchange) {
        String route = exchange.getFromRouteId();
        if (gate.paused() || !due(route, settings)) {
            return;
        }
        Instant started = clock.instant();
        String safeUrl = PollUrls.safe(settings.getUrl());
        try {
            if (settings.getUrl().isEmpty()) {
                throw new PollFailedException("the poll has no url");
            }
            Mapping mapping = mappings.get(settings.getMapping());
            List<InputRecord> records = fetchAll(settings, mapping);
            LOG.info("Poll {}: {} postings read from {}", route, records.size(), safeUrl);
            String source = settings.getSource().isEmpty() ? mapping.source() : settings.getSource();
            exchange.setProperty(FileIntake.INPUT, new IntakeBatch(route, safeUrl, mapping,
                    new ListRecordStream(records), gate, source));
            exchange.setProperty(STARTED, started);
            exchange.setProperty(CLOSE_MISSING, !settings.getCloseMissing().equalsIgnoreCase("false"));
        } catch (PollFailedException | MappingException e) {
            String reason = e.getMessage();
            drain.cycleFailed(route, reason);
            LOG.error("Poll {} failed: {}. Nothing is closed; it is tried again at the next cycle.", route, reason);
            // the cycle's result, for the result sinks (direct:process-poll)
            exchange.getIn().setBody(new JobResult(JobStatus.FAILED, null, null, null,
                    List.of("poll failed: " + reason + " (nothing was closed; tried again at the next cycle)"),
                    new JobSource(route, safeUrl, null, null), settings.getMapping(), null, null, 0, clock.instant()));
        }
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

    private List<InputRecord> fetchAll(AtsPoll settings, Mapping mapping) {
        Map<String, String> headers = headers(settings);
        List<InputRecord> records = new ArrayList<>();
        String pagination = settings.getPagination().toLowerCase(Locale.ROOT);
        int maxPages = Integer.parseInt(settings.getMaxPages());
        int pageSize = settings.getPageSize().isEmpty() ? 0 : Integer.parseInt(settings.getPageSize());
        int limit = Integer.parseInt(settings.getLimit());
        int page = Integer.parseInt(settings.getStartPage());
        int offset = 0;
        String url = firstUrl(settings, pagination, page, pageSize, limit);
        for (int count = 1; url != null; count++) {
            if (count > maxPages) {
                throw new PollFailedException("more than " + maxPages + " pages (maxPages): stopped without a "
                        + "complete read");
            }
            AtsPage answer = get(url, headers, "page " + count);
            int before = records.size();
            readRecords(answer, url, mapping, records, "page " + count);
            int read = records.size() - before;
            url = switch (pagination) {
                case "none" -> null;
                case "page" -> read == 0 || pageSize > 0 && read < pageSize ? null
                        : pageUrl(settings, ++page, pageSize);
                case "offset" -> read < limit ? null : offsetUrl(settings, offset += limit, limit);
                case "next-url" -> nextFromBody(answer, settings, url, mapping);
                case "link-header" -> PollUrls.nextLink(answer.link(), url);
                default -> throw new PollFailedException("unknown pagination \"" + settings.getPagination()
                        + "\" (none, page, offset, next-url, link-header)");
            };
        }
        if (!settings.getDetailUrl().isEmpty()) {
            return withDetails(records, settings, headers, mapping);
        }
        return records;
    }

    private String firstUrl(AtsPoll settings, String pagination, int page, int pageSize, int limit) {
        return switch (pagination) {
            case "page" -> pageUrl(settings, page, pageSize);
            case "offset" -> offsetUrl(settings, 0, limit);
            default -> settings.getUrl();
        };
    }

    private static String pageUrl(AtsPoll settings, int page, int pageSize) {
        String url = PollUrls.withParameter(settings.getUrl(), settings.getPageParam(), Integer.toString(page));
        return pageSize > 0 && !settings.getSizeParam().isEmpty()
                ? PollUrls.withParameter(url, settings.getSizeParam(), Integer.toString(pageSize)) : url;
    }

    private static String offsetUrl(AtsPoll settings, int offset, int limit) {
        String url = PollUrls.withParameter(settings.getUrl(), settings.getOffsetParam(), Integer.toString(offset));
        return PollUrls.withParameter(url, settings.getLimitParam(), Integer.toString(limit));
    }

    private static String nextFromBody(AtsPage answer, AtsPoll settings, String current, Mapping mapping) {
        if (settings.getNextUrlPath().isEmpty()) {
            throw new PollFailedException("pagination next-url needs nextUrlPath (the JSONPath of the next page's"
                    + " URL in the body)");
        }
        try {
            JsonNode next = RecordPath.compile(settings.getNextUrlPath()).read(jsonOf(answer, mapping));
            return next.isTextual() && !next.textValue().isBlank() ? PollUrls.resolve(current, next.textValue())
                    : null;
        } catch (IOException e) {
            throw new PollFailedException("the page is not JSON: " + e.getMessage());
        }
    }

    /** A JSON answer (a detail, a page read for its next URL), its charset decided as for records. */
    private static JsonNode jsonOf(AtsPage answer, Mapping mapping) throws IOException {
        Charset charset = InputCharset.decide(new ByteArrayInputStream(answer.body()), InputFormat.JSON,
                answer.declaredCharset(), mapping.input().charset());
        return charset.equals(StandardCharsets.UTF_8) ? Json.MAPPER.readTree(answer.body())
                : Json.MAPPER.readTree(new String(answer.body(), charset));
    }

    private void readRecords(AtsPage answer, String url, Mapping mapping, List<InputRecord> records, String what) {
        // the page's bytes go to the same reader as a dropped file's, with the charset the answer declared
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(answer.body()),
                answer.fileName(url), mapping, answer.declaredCharset())) {
            while (stream.hasNext()) {
                InputRecord record = stream.next();
                records.add(new InputRecord(records.size(), record.node(), null, record.document(),
                        record.problem()));
            }
        } catch (InputException e) {
            throw new PollFailedException(what + " is not what mapping " + mapping.name() + " reads: "
                    + e.getMessage());
        }
    }

    private List<InputRecord> withDetails(List<InputRecord> records, AtsPoll settings, Map<String, String> headers,
                                          Mapping mapping) {
        RecordPath idPath = RecordPath.compile(settings.getDetailIdPath());
        List<InputRecord> detailed = new ArrayList<>(records.size());
        for (InputRecord record : records) {
            JsonNode id = idPath.read(record.node());
            if (id.isMissingNode() || id.isNull()) {
                throw new PollFailedException("record " + record.index() + " has no " + settings.getDetailIdPath()
                        + " for its detail call");
            }
            String url = settings.getDetailUrl().replace("{id}", PollUrls.encode(id.asText()));
            AtsPage answer = get(url, headers, "the detail of " + id.asText());
            try {
                detailed.add(new InputRecord(record.index(), jsonOf(answer, mapping), null,
                        record.document(), record.problem()));
            } catch (IOException e) {
                throw new PollFailedException("the detail of " + id.asText() + " is not JSON: " + e.getMessage());
            }
        }
        return detailed;
    }

    private AtsPage get(String url, Map<String, String> headers, String what) {
        Exchange result = producer.send("direct:ats-fetch", exchange -> {
            exchange.getIn().removeHeaders("*");
            headers.forEach(exchange.getIn()::setHeader);
            exchange.getIn().setHeader(Exchange.HTTP_URI, url);
            exchange.getIn().setHeader(Exchange.HTTP_METHOD, "GET");
        });
        if (result.getException() != null) {
            Exception failure = result.getException();
            throw new PollFailedException(what + " (" + PollUrls.safe(url) + ") could not be read: "
                    + failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": "
                    + failure.getMessage()));
        }
        AtsPage answer = result.getMessage().getBody(AtsPage.class);
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new PollFailedException(what + " (" + PollUrls.safe(url) + ") answered HTTP " + answer.status());
        }
        String start = answer.start().stripLeading().toLowerCase(Locale.ROOT);
        if (answer.contentType() != null && answer.contentType().contains("html")
                || start.startsWith("<!doctype html") || start.startsWith("<html")) {
            throw new PollFailedException(what + " (" + PollUrls.safe(url) + ") is an HTML page, not data");
        }
        return answer;
    }

    /** The request headers of every call: authentication (secrets read now, so a rotated file is used) and extras. */
    private static Map<String, String> headers(AtsPoll settings) {
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
                String password = secret(settings.getPassword(), settings.getPasswordFile(), "password");
                SecretRegistry.registerBasic(settings.getUsername(), password);
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.getUsername() + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            case "header" -> headers.put(settings.getHeaderName(), settings.getHeaderValue().replace("{token}",
                    secret(settings.getToken(), settings.getTokenFile(), "token")));
            default -> throw new PollFailedException("unknown auth \"" + settings.getAuth()
                    + "\" (none, bearer, basic, header)");
        }
        return headers;
    }

    private static String secret(String value, String file, String what) {
        if (!file.isEmpty()) {
            try {
                String read = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                SecretRegistry.register(read);
                return read;
            } catch (IOException e) {
                throw new PollFailedException("cannot read the " + what + " file " + file);
            }
        }
        if (value.isEmpty()) {
            throw new PollFailedException("the poll's " + what + " is not set");
        }
        return value;
    }
}
