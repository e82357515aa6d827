package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.input.InputException;
import dev.jobmojito.connector.input.InputRecord;
import dev.jobmojito.connector.input.RecordStream;
import dev.jobmojito.connector.input.RecordStreams;
import dev.jobmojito.connector.intake.JobInput;
import dev.jobmojito.connector.invitations.Application;
import dev.jobmojito.connector.invitations.InvitationRun;
import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.mapping.MappingException;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.poll.AtsPage;
import dev.jobmojito.connector.results.JobSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postings created before their applications are invited (issue 15: "an application whose posting has no interview
 * yet waits, or is created first, when configured"). With {@code connector.invitations.create-postings} on and an
 * application poll that names {@code postingUrl}, each posting its page's applications wait for is read from the
 * ATS ({@link #fetches}: one GET per posting, through {@code direct:ats-fetch}), read with the posting mapping of
 * the application's posting source ({@link #jobs}) and synced through the job path ({@code direct:deliver-job},
 * with its own result line); then {@link dev.jobmojito.connector.invitations.Invitations#replan} invites the
 * applications whose posting has an interview now. A posting that could not be read or created leaves its
 * applications {@code waiting}, with the reason in their result. Plain functions: the route
 * {@code create-posting} makes the calls.
 */
public final class PostingsFirst {

    private static final Logger LOG = LoggerFactory.getLogger(PostingsFirst.class);
    /** Without a more precise reason: the posting went through the job path and came out without an interview. */
    static final String NO_INTERVIEW = "its sync made no interview (see the posting's own result line)";

    private final boolean enabled;
    private final MappingRegistry postingMappings;

    /**
     * @param enabled         {@code connector.invitations.create-postings}
     * @param postingMappings the posting mappings ({@code connector.mappings})
     */
    public PostingsFirst(boolean enabled, MappingRegistry postingMappings) {
        this.enabled = enabled;
        this.postingMappings = postingMappings;
    }

    /**
     * The postings to read before the run's batches are sent: one per distinct posting its waiting applications
     * belong to, or none when creating postings first is off or the poll names no {@code postingUrl}.
     *
     * @param cycle the application poll's cycle (its {@code postingUrl}, its connection)
     * @param run   the page's planned applications; a posting that cannot be asked for (no posting mapping of its
     *              source) is noted in it at once
     */
    public List<PostingFetch> fetches(ApplicationPollCycle cycle, InvitationRun run) {
        String template = cycle.settings().getPostingUrl();
        if (!enabled || template.isEmpty() || run.waiting().isEmpty()) {
            return List.of();
        }
        Map<String, PostingFetch> byKey = new LinkedHashMap<>();
        for (Application application : run.waiting()) {
            String key = application.postingKey();
            int colon = key.indexOf(':');
            if (byKey.containsKey(key) || colon < 0) {
                continue;
            }
            String source = key.substring(0, colon);
            String code = key.substring(colon + 1);
            Mapping mapping = postingMapping(source);
            if (mapping == null) {
                run.postingNotCreated(key, "no posting mapping has the source \"" + source + "\"");
                continue;
            }
            String url = template.replace("{posting}",
                    URLEncoder.encode(code, StandardCharsets.UTF_8).replace("+", "%20"));
            Map<String, String> headers = sameOrigin(url, cycle.settings().getUrl()) ? cycle.headers()
                    : Map.of("Accept", "application/json, application/xml;q=0.9, */*;q=0.5");
            // replaced by a more precise reason if the read fails; kept if the sync makes no interview
            run.postingNotCreated(key, NO_INTERVIEW);
            byKey.put(key, new PostingFetch(cycle.route(), key, source, code, mapping, url, headers));
        }
        if (!byKey.isEmpty()) {
            LOG.info("Poll {}: {} postings of waiting applications read and synced first", cycle.route(),
                    byKey.size());
        }
        return new ArrayList<>(byKey.values());
    }

    /**
     * The posting records of the ATS's answer, each a job for {@code direct:deliver-job}; none when the answer is
     * not a success or holds nothing the posting mapping reads (the reason is noted in the run).
     */
    public List<JobInput> jobs(PostingFetch fetch, AtsPage page, InvitationRun run) {
        if (page.status() < 200 || page.status() > 299) {
            run.postingNotCreated(fetch.postingKey(), "the ATS answered HTTP " + page.status() + " to "
                    + fetch.safeUrl());
            return List.of();
        }
        if (page.html()) {
            run.postingNotCreated(fetch.postingKey(), "the ATS answered an HTML page to " + fetch.safeUrl());
            return List.of();
        }
        JobSource source = new JobSource(fetch.route(), fetch.safeUrl(), null, null);
        List<JobInput> jobs = new ArrayList<>();
        try (RecordStream stream = RecordStreams.open(new ByteArrayInputStream(page.body()),
                fileName(page), fetch.mapping(), page.declaredCharset())) {
            while (stream.hasNext()) {
                InputRecord record = stream.next();
                jobs.add(new JobInput(record, fetch.mapping(), source, fetch.postingSource()));
            }
        } catch (InputException e) {
            run.postingNotCreated(fetch.postingKey(), "the answer of " + fetch.safeUrl() + " is not what mapping "
                    + fetch.mapping().name() + " reads: " + e.getMessage());
            return List.of();
        }
        if (jobs.isEmpty()) {
            run.postingNotCreated(fetch.postingKey(), "the answer of " + fetch.safeUrl() + " holds no posting for"
                    + " mapping " + fetch.mapping().name());
        }
        return jobs;
    }

    /** The ATS could not be read (no answer): noted for the posting's applications, which wait. */
    public void failed(PostingFetch fetch, InvitationRun run, Exception failure) {
        run.postingNotCreated(fetch.postingKey(), "the ATS could not be read at " + fetch.safeUrl() + " ("
                + failure.getClass().getSimpleName() + ")");
    }

    private Mapping postingMapping(String source) {
        try {
            Mapping named = postingMappings.get(source);
            if (source.equals(named.source())) {
                return named;
            }
        } catch (MappingException e) {
            // no mapping of that name: one whose source it is, below
        }
        return postingMappings.all().stream().filter(m -> source.equals(m.source())).findFirst().orElse(null);
    }

    /** Whether the posting URL is on the poll's own scheme, host and port: only then are its credentials sent. */
    static boolean sameOrigin(String url, String pollUrl) {
        try {
            URI a = URI.create(url);
            URI b = URI.create(pollUrl);
            return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                    && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                    && Objects.equals(port(a), port(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort()
                : "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    private static String fileName(AtsPage page) {
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        return type.contains("xml") ? "posting.xml" : "posting.json";
    }
}
