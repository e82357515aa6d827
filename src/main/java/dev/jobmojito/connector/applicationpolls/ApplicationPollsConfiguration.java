package dev.jobmojito.connector.applicationpolls;

import dev.jobmojito.connector.intake.DrainTracker;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.invitations.CandidateIntake;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import dev.jobmojito.connector.mapping.MappingRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Polls of the ATS's applications: the watermark store, the poller and the enricher strategy of the page fetch (direct:ats-fetch). */
@Configuration(proxyBeanMethods = false)
public class ApplicationPollsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    PollWatermarks pollWatermarks(DataSource dataSource) {
        return new PollWatermarks(dataSource);
    }

    @Bean
    ApplicationPoller applicationPoller(CandidateIntake candidates, PollWatermarks watermarks, IntakeGate gate,
                                        DrainTracker drain, Clock clock) {
        return new ApplicationPoller(candidates.mappings(), watermarks, gate, drain, clock);
    }

    /** Postings read and synced before their waiting applications are invited, when configured. */
    @Bean
    PostingsFirst postingsFirst(MappingRegistry postingMappings,
                                @Value("${connector.invitations.create-postings:false}") boolean enabled) {
        return new PostingsFirst(enabled, postingMappings);
    }

    @Bean
    ApplicationPages applicationPages() {
        return new ApplicationPages();
    }
}
