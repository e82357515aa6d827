package dev.jobmojito.connector.poll;

import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.FileIntakeRoutes;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:process-poll}: the part of every poll route that is the same. The {@code ats-poll} template's
 * step reads the pages; this handles each posting as a job and then closes the ones that left the ATS.
 */
public final class PollRoutes extends RouteBuilder {

    private final PollIntake intake;
    private final int concurrency;

    public PollRoutes(PollIntake intake, int concurrency) {
        this.intake = intake;
        this.concurrency = concurrency;
    }

    @Override
    public void configure() {
        from("direct:process-poll").routeId("process-poll")
                .filter(exchangeProperty(FileIntake.INPUT).isNotNull())
                    .split(method(intake, "jobs")).streaming().parallelProcessing()
                            .executorService(FileIntakeRoutes.jobThreads(this, "poll-jobs", concurrency))
                        .to("direct:deliver-job")
                    .end()
                    .process(intake::finish)
                .end();
    }
}
