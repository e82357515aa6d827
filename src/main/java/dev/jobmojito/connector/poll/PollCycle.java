package dev.jobmojito.connector.poll;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.common.Json;
import dev.jobmojito.connector.input.InputCharset;
import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.mapping.InputFormat;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.RecordPath;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One cycle of a poll, carried as the message body while the {@code process-poll} route reads the ATS: which
 * URL comes next, the records read so far, and why the cycle failed if it did. Each answer is taken in by
 * {@link #take}, which reads its records (with the same readers as a dropped file) and works out the next URL
 * from the poll's pagination (none, page, offset, next-url, link-header), then each posting's detail when the
 * poll asks for one. A page that cannot be used fails the whole cycle: its records are not sent and nothing is
 * closed for being absent.
 */
public final class PollCycle implements PageCall {

    private final String route;
    private final AtsPoll settings;
    private final Mapping mapping;
    private final Map<String, String> headers;
    private final Instant started;
    private final String pagination;
    private final int maxPages;
    private final int pageSize;
    private final int limit;
    private final List<InputRecord> records = new ArrayList<>();
    private int page;
    private int offset;
    private int pages;
    private String nextUrl;
    private int detail = -1;
    private RecordPath detailIdPath;
    private String failure;

    /**
     * @param headers the request headers of every call (authentication with its secret already read)
     * @throws PollFailedException when the pagination is unknown
     */
    PollCycle(String route, AtsPoll settings, Mapping mapping, Map<String, String> headers, Instant started) {
        this.route = route;
        this.settings = settings;
        this.mapping = mapping;
        this.headers = headers;
        this.started = started;
        this.pagination = settings.getPagination().toLowerCase(Locale.ROOT);
        if (!List.of("none", "page", "offset", "next-url", "link-header").contains(pagination)) {
            throw new PollFailedException("unknown pagination \"" + settings.getPagination()
                    + "\" (none, page, offset, next-url, link-header)");
        }
        if (pagination.equals("next-url") && settings.getNextUrlPath().isEmpty()) {
            throw new PollFailedException("pagination next-url needs nextUrlPath (the JSONPath of the next page's"
                    + " URL in the body)");
        }
        this.maxPages = Integer.parseInt(settings.getMaxPages());
        this.pageSize = settings.getPageSize().isEmpty() ? 0 : Integer.parseInt(settings.getPageSize());
        this.limit = Integer.parseInt(settings.getLimit());
        this.page = Integer.parseInt(settings.getStartPage());
        this.nextUrl = switch (pagination) {
            case "page" -> pageUrl(page);
            case "offset" -> offsetUrl(0);
            default -> settings.getUrl();
        };
    }

    /** True while there is a page or a detail to fetch ({@link #nextUrl()}) and the cycle has not failed. */
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

    /**
     * Takes in the answer to {@link #nextUrl()}: its records, then the next URL; or the reason the cycle fails
     * (HTTP error, an HTML page, a page the mapping cannot read, too many pages).
     *
     * @param answer the answer, or null when the call failed
     * @param error  why the call failed (connection refused, timeout), or null
     */
    void take(AtsPage answer, Exception error) {
        String what = detail < 0 ? "page " + (pages + 1) : "the detail of record " + detail;
        try {
            if (error != null) {
                throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") could not be read: "
                        + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": "
                        + error.getMessage()));
            }
            check(answer, what);
            if (detail < 0) {
                takePage(answer, what);
            } else {
                takeDetail(answer);
            }
        } catch (PollFailedException e) {
            failure = e.getMessage();
            nextUrl = null;
        }
    }

    private void takePage(AtsPage answer, String what) {
        pages++;
        int before = records.size();
        readRecords(answer, what);
        int read = records.size() - before;
        nextUrl = switch (pagination) {
            case "page" -> read == 0 || pageSize > 0 && read < pageSize ? null : pageUrl(++page);
            case "offset" -> read < limit ? null : offsetUrl(offset += limit);
            case "next-url" -> nextFromBody(answer);
            case "link-header" -> PollUrls.nextLink(answer.link(), nextUrl);
            default -> null;
        };
        if (nextUrl != null && pages >= maxPages) {
            throw new PollFailedException("more than " + maxPages + " pages (maxPages): stopped without a complete "
                    + "read");
        }
        if (nextUrl == null && !settings.getDetailUrl().isEmpty() && !records.isEmpty()) {
            detailIdPath = RecordPath.compile(settings.getDetailIdPath());
            detail = 0;
            nextUrl = detailUrl(records.get(0));
        }
    }

    private void takeDetail(AtsPage answer) {
        InputRecord record = records.get(detail);
        try {
            records.set(detail, new InputRecord(record.index(), jsonOf(answer), null, record.document(),
                    record.problem()));
        } catch (IOException e) {
            throw new PollFailedException("the detail of record " + detail + " is not JSON: " + e.getMessage());
        }
        detail++;
        nextUrl = detail < records.size() ? detailUrl(records.get(detail)) : null;
    }

    private String detailUrl(InputRecord record) {
        JsonNode id = detailIdPath.read(record.node());
        if (id.isMissingNode() || id.isNull()) {
            throw new PollFailedException("record " + record.index() + " has no " + settings.getDetailIdPath()
                    + " for its detail call");
        }
        return settings.getDetailUrl().replace("{id}", PollUrls.encode(id.asText()));
    }

    private void check(AtsPage answer, String what) {
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") answered HTTP " + answer.status());
        }
        if (answer.html()) {
            throw new PollFailedException(what + " (" + PollUrls.safe(nextUrl) + ") is an HTML page, not data");
        }
    }

    private String pageUrl(int number) {
        String url = PollUrls.withParameter(settings.getUrl(), settings.getPageParam(), Integer.toString(number));
        return pageSize > 0 && !settings.getSizeParam().isEmpty()
                ? PollUrls.withParameter(url, settings.getSizeParam(), Integer.toString(pageSize)) : url;
    }

    private String offsetUrl(int from) {
        String url = PollUrls.withParameter(settings.getUrl(), settings.getOffsetParam(), Integer.toString(from));
        return PollUrls.withParameter(url, settings.getLimitParam(), Integer.toString(limit));
    }

    private String nextFromBody(AtsPage answer) {
        try {
            JsonNode next = RecordPath.compile(settings.getNextUrlPath()).read(jsonOf(answer));
            return next.isTextual() && !next.textValue().isBlank() ? PollUrls.resolve(nextUrl, next.textValue())
                    : null;
        } catch (IOException e) {
            throw new PollFailedException("the page is not JSON: " + e.getMessage());
        }
    }

    /** A JSON answer (a detail, a page read for its next URL), its charset decided as for records. */
    private JsonNode jsonOf(AtsPage answer) throws IOException {
        Charset charset = InputCharset.decide(new ByteArrayInputStream(answer.body()), InputFormat.JSON,
                answer.declaredCharset(), mapping.input().charset());
        return charset.equals(StandardCharsets.UTF_8) ? Json.MAPPER.readTree(answer.body())
                : Json.MAPPER.readTree(new String(answer.body(), charset));
    }

    private void readRecords(AtsPage answer, String what) {
        // the page's bytes go to the same reader as a dropped file's, with the charset the answer declared
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(answer.body()),
                answer.fileName(nextUrl), mapping, answer.declaredCharset())) {
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

    String route() {
        return route;
    }

    AtsPoll settings() {
        return settings;
    }

    Mapping mapping() {
        return mapping;
    }

    Instant started() {
        return started;
    }

    List<InputRecord> records() {
        return records;
    }

    /** Why the cycle failed, or null. */
    String failure() {
        return failure;
    }
}
