package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.mapping.Mapping;
import dev.jobmojito.connector.poll.PageCall;
import dev.jobmojito.connector.poll.PollUrls;
import java.util.Map;

/**
 * One posting to read from the ATS before its applications are invited (see {@link PostingsFirst}): what
 * {@code direct:ats-fetch} sends, and what its answer is read with.
 *
 * @param route         the application poll's route id (the posting's result line names it as its source)
 * @param postingKey    the posting's ledger key, {@code <posting source>:<code>}
 * @param postingSource the ledger source of the posting (its posting mapping's {@code source})
 * @param code          the posting's id in the ATS, as the application names it
 * @param mapping       the posting mapping its answer is read with
 * @param url           the URL asked ({@code postingUrl} with {@code {posting}} replaced)
 * @param headers       the headers sent: the poll's authentication only when the URL is on the poll's own host
 */
public record PostingFetch(String route, String postingKey, String postingSource, String code, Mapping mapping,
                           String url, Map<String, String> headers) implements PageCall {

    @Override
    public String nextUrl() {
        return url;
    }

    /** The URL with any secret in it masked, for result lines and logs. */
    public String safeUrl() {
        return PollUrls.safe(url);
    }

    @Override
    public String toString() {
        return "posting " + postingKey + " from " + safeUrl();
    }
}
