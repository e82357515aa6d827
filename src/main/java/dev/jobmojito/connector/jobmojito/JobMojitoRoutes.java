package dev.jobmojito.connector.jobmojito;

import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:jobmojito-create}: one POST of a create-from-array body, read into an outcome. It has no error
 * handler of its own on purpose: a retryable failure goes back to the caller, whose redelivery policy sends the
 * whole call again (fresh token, fresh body).
 */
public final class JobMojitoRoutes extends RouteBuilder {

    private final JobMojitoEndpoint endpoint;
    private final JobMojitoCalls calls;
    private final Duration connectTimeout;
    private final Duration responseTimeout;

    public JobMojitoRoutes(JobMojitoEndpoint endpoint, JobMojitoCalls calls, Duration connectTimeout,
                           Duration responseTimeout) {
        this.endpoint = endpoint;
        this.calls = calls;
        this.connectTimeout = connectTimeout;
        this.responseTimeout = responseTimeout;
    }

    @Override
    public void configure() {
        from("direct:jobmojito-create").routeId("jobmojito-create")
                .errorHandler(noErrorHandler())
                .process(calls::prepare)
                .to(httpUri(CreateFromArrayContract.PATH))
                .process(calls::readCreated);
    }

    /** The endpoint URI with explicit timeouts: camel-http waits forever for an answer by default. */
    String httpUri(String path) {
        return endpoint.url(path) + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + connectTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                + "&responseTimeout=" + responseTimeout.toMillis()
                + "&soTimeout=" + responseTimeout.toMillis()
                + "&followRedirects=false";
    }
}
