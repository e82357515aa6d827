package dev.jobmojito.connector.applicationpolls;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingFailure;
import dev.jobmojito.connector.mapping.RecordPath;
import dev.jobmojito.connector.poll.AtsPage;
import dev.jobmojito.connector.poll.PageCall;
import dev.jobmojito.connector.poll.PollFailedException;
import dev.jobmojito.connector.poll.PollUrls;
import dev.jobmojito.connector.results.JobResult;
import dev.jobmojito.connector.results.JobStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One cycle of an application poll, carried by the {@code process-application-poll} route: the URL of the next
 * page, the page just read (handed to the invitation path before the next one is asked for), and what the
 * recorded pages say about the watermark.
 *
 * <p>The first page asks for the poll's stage ({@code stageParam=stage}) and for what changed since the stored
 * watermark ({@code watermarkParam=<prefix><watermark - overlap>}, ISO-8601 or epoch milliseconds); the next
 * pages follow the ATS's pagination: {@code link-header} (Greenhouse Harvest v3: the {@code rel="next"} URL,
 * followed exactly), {@code next-url} (a URL in the body, Workable's {@code paging.next}), {@code cursor} (a
 * token in the body sent back as a parameter, Lever's {@code next} as {@code offset}), {@code offset},
 * {@code page} or {@code none}.
 *
 * <p>The watermark a cycle proposes is the latest {@code updated_at} of the applications recorded, held back to
 * just before the earliest one that must be seen again (waiting for its posting's interview, or failed): the
 * ATS lists that one again at the next cycle. It is only stored after the pages it covers were recorded.
 */
public final class ApplicationPollCycle implements PageCall {

    private static final List<String> PAGINATIONS = List.of("none", "link-header", "next-url", "cursor", "offset",
            "page");

    private final String route;
    private final ApplicationPoll settings;
    private final Mapping mapping;
    private final Map<String, String> headers;
    private final Instant from;
    private final String firstUrl;
    private final String pagination;
    private final int maxPages;
    private final int limit;
    private final RecordPath updatedAt;
    private String nextUrl;
    private String pageUrl;
    private int pages;
    private int offset;
    private int pageNumber;
    private int read;
    private List<InputRecord> page;
    private String failure;
    private Instant high;
    private Instant lowestUnsettled;

    /**
     * @param from    the stored watermark, or null before the first one (then every application at the stage)
     * @param headers the headers of every call (authentication, its secret read now)
     * @throws PollFailedException when a setting cannot be used (an unknown pagination, a bad overlap)
     */
    ApplicationPollCycle(String route, ApplicationPoll settings, Mapping mapping, Map<String, String> headers,
                         Instant from) {
        this.route = route;
        this.settings = settings;
        this.mapping = mapping;
        this.headers = headers;
        this.from = from;
        this.pagination = settings.getPagination().toLowerCase(Locale.ROOT);
        if (!PAGINATIONS.contains(pagination)) {
            throw new PollFailedException("unknown pagination \"" + settings.getPagination() + "\" ("
                    + String.join(", ", PAGINATIONS) + ")");
        }
        if ((pagination.equals("next-url") || pagination.equals("cursor")) && settings.getCursorPath().isEmpty()) {
            throw new PollFailedException("pagination " + pagination + " needs cursorPath (where the next page's "
                    + (pagination.equals("cursor") ? "token" : "URL") + " is in the body)");
        }
        this.maxPages = Integer.parseInt(settings.getMaxPages());
        this.limit = Integer.parseInt(settings.getLimit());
        this.pageNumber = Integer.parseInt(settings.getStartPage());
        this.updatedAt = settings.getUpdatedAtPath().isEmpty() ? null
                : RecordPath.compile(settings.getUpdatedAtPath());
        String url = settings.getUrl();
        if (!settings.getStageParam().isEmpty() && !settings.getStage().isEmpty()) {
            url = PollUrls.withParameter(url, settings.getStageParam(), settings.getStage());
        }
        if (from != null && !settings.getWatermarkParam().isEmpty()) {
            url = PollUrls.withParameter(url, settings.getWatermarkParam(), settings.getWatermarkPrefix()
                    + format(from.minus(overlap(settings.getOverlap())), settings.getWatermarkFormat()));
        }
        this.firstUrl = url;
        this.nextUrl = switch (pagination) {
            case "offset" -> offsetUrl(0);
            case "page" -> PollUrls.withParameter(firstUrl, settings.getPageParam(), Integer.toString(pageNumber));
            default -> firstUrl;
        };
    }

    /** A watermark as the ATS wants it: {@code iso} (ISO-8601, UTC) or {@code millis} (epoch milliseconds). */
    static String format(Instant instant, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "millis" -> Long.toString(instant.toEpochMilli());
            case "iso", "" -> DateTimeFormatter.ISO_INSTANT.format(instant);
            default -> throw new PollFailedException("unknown watermarkFormat \"" + format + "\" (iso, millis)");
        };
    }

    /** {@code 0}, {@code 90s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration. */
    static Duration overlap(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.isEmpty() || value.equals("0")) {
                return Duration.ZERO;
            }
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException(value);
            };
        } catch (RuntimeException e) {
            throw new PollFailedException("overlap \"" + text + "\" is not a duration (0, 90s, 5m, 1h)");
        }
    }

    /** True while there is a page to fetch and the cycle has not failed. */
    public boolean more() {
        return failure == null && nextUrl != null;
    }

    @Override
    public String nextUrl() {
        return nextUrl;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    /** The page read last and not handed on yet, or null. */
    public List<InputRecord> page() {
        return page;
    }

    /**
     * Takes in the answer to {@link #nextUrl()}: its records become {@link #page()}, and the next URL is worked
     * out; or the cycle fails (no answer, an HTTP error, an HTML page, a page the mapping cannot read, too many
     * pages). A failed cycle stores nothing: the next one asks again from the same watermark.
     */
    void take(AtsPage answer, Exception error) {
        String what = "page " + (pages + 1);
        page = null;
        try {
            if (error != null) {
                throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") could not be read: "
                        + error.getClass().getSimpleName());
            }
            if (answer.status() < 200 || answer.status() >= 300) {
                throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") answered HTTP "
                        + answer.status());
            }
            if (answer.html()) {
                throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") is an HTML page, not data");
            }
            pages++;
            pageUrl = nextUrl;
            List<InputRecord> records = read(answer, what);
            nextUrl = switch (pagination) {
                case "link-header" -> PollUrls.nextLink(answer.link(), pageUrl);
                case "next-url" -> {
                    String next = text(answer, settings.getCursorPath());
                    yield next == null ? null : PollUrls.resolve(pageUrl, next);
                }
                case "cursor" -> {
                    String token = text(answer, settings.getCursorPath());
                    yield token == null ? null : PollUrls.withParameter(firstUrl, settings.getCursorParam(), token);
                }
                case "offset" -> records.size() < limit ? null : offsetUrl(offset += limit);
                case "page" -> records.isEmpty() ? null
                        : PollUrls.withParameter(firstUrl, settings.getPageParam(), Integer.toString(++pageNumber));
                default -> null;
            };
            if (nextUrl != null && pages >= maxPages) {
                throw new PollFailedException("more than " + maxPages + " pages (maxPages): stopped; the "
                        + "watermark holds what was recorded");
            }
            page = records;
        } catch (PollFailedException e) {
            failure = e.getMessage();
            nextUrl = null;
        }
    }

    private List<InputRecord> read(AtsPage answer, String what) {
        List<InputRecord> records = new ArrayList<>();
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(answer.body()), "page.json", mapping,
                answer.declaredCharset())) {
            while (stream.hasNext()) {
                InputRecord record = stream.next();
                records.add(new InputRecord(read++, record.node(), null, record.document(), record.problem()));
            }
        } catch (InputException e) {
            throw new PollFailedException(what + " is not what candidate mapping " + mapping.name() + " reads: "
                    + e.getMessage());
        }
        return records;
    }

    private static String text(AtsPage answer, String path) {
        try {
            JsonNode value = RecordPath.compile(path).read(Json.MAPPER.readTree(answer.body()));
            return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
        } catch (IOException e) {
            throw new PollFailedException("the page is not JSON: " + e.getMessage());
        }
    }

    private String offsetUrl(int at) {
        return PollUrls.withParameter(PollUrls.withParameter(firstUrl, settings.getOffsetParam(), Integer.toString(at)),
                settings.getLimitParam(), Integer.toString(limit));
    }

    /**
     * The page's applications are recorded (their results in {@code results}): the latest {@code updated_at}
     * among those settled moves the proposal on; one waiting or failed holds it back to just before its own.
     */
    void recorded(List<JobResult> results) {
        if (page == null) {
            return;
        }
        Set<String> again = new HashSet<>();
        for (JobResult result : results) {
            if ((result.status() == JobStatus.WAITING || result.status() == JobStatus.FAILED) && result.code() != null) {
                again.add(result.code());
            }
        }
        for (InputRecord record : page) {
            Instant at = updatedAt(record);
            if (at == null) {
                continue;
            }
            String id = applicationId(record);
            if (id != null && again.contains(id)) {
                lowestUnsettled = lowestUnsettled == null || at.isBefore(lowestUnsettled) ? at : lowestUnsettled;
            } else {
                high = high == null || at.isAfter(high) ? at : high;
            }
        }
        page = null;
    }

    /** The watermark the recorded pages allow, or null when they allow none (nothing recorded with a time). */
    Instant proposal() {
        if (high == null) {
            return null;
        }
        if (lowestUnsettled != null && !lowestUnsettled.isAfter(high)) {
            return lowestUnsettled.minusMillis(1);
        }
        return high;
    }

    private String applicationId(InputRecord record) {
        try {
            return record.node() == null ? null : mapping.text("application_id", record.node(), record.document());
        } catch (MappingFailure | IllegalArgumentException e) {
            return null;
        }
    }

    /** A record's {@code updated_at}: epoch milliseconds (a number, or digits) or ISO-8601; null when absent. */
    Instant updatedAt(InputRecord record) {
        if (updatedAt == null || record.node() == null) {
            return null;
        }
        JsonNode value = updatedAt.read(record.node());
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.longValue());
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            return null;
        }
        String text = value.textValue().strip();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    String route() {
        return route;
    }

    ApplicationPoll settings() {
        return settings;
    }

    Mapping mapping() {
        return mapping;
    }

    /** The stored watermark the cycle asked from, or null. */
    Instant from() {
        return from;
    }

    /** The URL of the page read last, secrets masked (for results and logs). */
    String safePageUrl() {
        return PollUrls.safe(pageUrl == null ? firstUrl : pageUrl);
    }

    String safeFirstUrl() {
        return PollUrls.safe(firstUrl);
    }

    int pages() {
        return pages;
    }

    int applications() {
        return read;
    }

    boolean ordered() {
        return settings.getOrdered().equalsIgnoreCase("true");
    }

    /** Why the cycle failed, or null. */
    String failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "poll " + route + " (" + pages + " pages)";
    }
}
