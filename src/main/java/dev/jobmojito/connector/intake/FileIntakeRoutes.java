package dev.jobmojito.connector.intake;

import java.util.concurrent.ExecutorService;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * {@code direct:process-file}: the part of every file route (local inbox, SFTP) that is the same. The routes in
 * {@code routes/} bring a file and move it afterwards; this opens it, handles each job on its own (in parallel,
 * with back-pressure so a large file never piles up in memory) and decides where it goes.
 */
public final class FileIntakeRoutes extends RouteBuilder {

    private final FileIntake intake;
    private final int concurrency;

    public FileIntakeRoutes(FileIntake intake, int concurrency) {
        this.intake = intake;
        this.concurrency = concurrency;
    }

    /**
     * The threads that handle the jobs of one batch. When all are busy the splitter's own thread runs the next
     * job, so reading a large file pauses instead of queueing its records in memory.
     */
    public static ExecutorService jobThreads(RouteBuilder owner, String name, int concurrency) {
        ThreadPoolProfile profile = new ThreadPoolProfile("connector-" + name);
        profile.setPoolSize(concurrency);
        profile.setMaxPoolSize(concurrency);
        profile.setMaxQueueSize(concurrency * 2);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return owner.getContext().getExecutorServiceManager().newThreadPool(owner, name, profile);
    }

    @Override
    public void configure() {
        ExecutorService jobs = jobThreads(this, "file-jobs", concurrency);

        from("direct:process-file").routeId("process-file")
                .doTry()
                    .process(intake::open)
                    .split(method(intake, "jobs")).streaming().parallelProcessing().executorService(jobs)
                        .to("direct:deliver-job")
                    .endDoTry()
                    .process(intake::finish)
                .doCatch(Exception.class)
                    .process(intake::unexpected)
                .end();
    }

    /**
     * Error handling shared by the file routes ({@code routeConfigurationId: intake}): a file left in place
     * because intake is paused is an expected rollback, not an error worth a stack trace.
     */
    public static final class Configuration extends RouteConfigurationBuilder {
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
}
