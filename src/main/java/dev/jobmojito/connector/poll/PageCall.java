package dev.jobmojito.connector.poll;

import java.util.Map;

/**
 * The next GET of a cycle that reads an ATS API page by page (a posting poll's {@link PollCycle}, an application
 * poll's cycle): what {@code direct:ats-fetch} ({@link AtsFetchRoutes}) sends, its answer an {@link AtsPage}.
 */
public interface PageCall {

    /** The URL of the next call. */
    String nextUrl();

    /** The headers of the call: authentication (secrets read at the cycle's start) and the extras. */
    Map<String, String> headers();
}
