package dev.jobmojito.connector.intake;

import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Error handling shared by the source routes ({@code routeConfigurationId: intake}): a file left in place because
 * intake is paused or stopping, or because it changed while it was read, is an expected rollback, not an error
 * worth a stack trace. Also makes the threads the job path's splitters hand jobs to.
 */
public final class IntakeRouteConfiguration extends RouteConfigurationBuilder {

    /**
     * The threads that handle the jobs of one batch (a file, a poll cycle): {@code concurrency} of them. When
     * all are busy the splitter's own thread runs the next job, so reading a large file pauses instead of
     * queueing its records in memory.
     */
    public static ExecutorService jobThreads(CamelContext camel, String name, int concurrency) {
        ThreadPoolProfile profile = new ThreadPoolProfile("connector-" + name);
        profile.setPoolSize(concurrency);
        profile.setMaxPoolSize(concurrency);
        profile.setMaxQueueSize(concurrency * 2);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return camel.getExecutorServiceManager().newThreadPool(IntakeRouteConfiguration.class, name, profile);
    }

    @Override
    public void configuration() {
        routeConfiguration("intake")
                .onException(IntakePausedException.class)
                .handled(false)
                .logExhausted(false)
                .logStackTrace(false)
                .logRetryAttempted(false);
    }
}
