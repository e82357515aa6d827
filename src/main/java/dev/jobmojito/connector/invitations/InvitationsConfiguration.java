package dev.jobmojito.connector.invitations;

import dev.jobmojito.connector.intake.FileIntake;
import dev.jobmojito.connector.intake.IntakeGate;
import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.mapping.MappingRegistry;
import dev.jobmojito.connector.results.RunSummary;
import dev.jobmojito.connector.sync.Ledger;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.system.ConnectorProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Candidate invitations: the candidate mappings (checked at start when the folder exists, every problem at once),
 * the invitation ledger, the planning and answer-reading functions, and the intake of the application drop
 * folder (the same {@link FileIntake} rules as postings: quarantine with the reason, nothing lost).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvitationProperties.class)
public class InvitationsConfiguration {

    /** The candidate mappings of {@code connector.invitations.mappings}, a second kind of mapping file. */
    static MappingRegistry candidateMappings(InvitationProperties settings, ConnectorProperties connector,
                                      JobMojitoEndpoint endpoint) throws IOException {
        Path folder = folder(settings.mappings(), connector.mappings().resolve("candidates"));
        java.util.function.UnaryOperator<String> environment = MappingLoader.environment(
                endpoint.interviewTemplateId());
        MappingRegistry registry = new MappingRegistry(folder, MappingLoader.ofKind(name ->
                name.equals(InvitationProperties.STAGE_VARIABLE) ? settings.stage() : environment.apply(name),
                Invitations.FIELDS, Invitations.REQUIRED));
        if (Files.isDirectory(folder)) {
            List<MappingError> errors = registry.loadAll();
            if (!errors.isEmpty()) {
                throw new ConfigurationException("The candidate mappings in " + folder + " have problems:\n"
                        + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
            }
        } else if (settings.enabled()) {
            throw new ConfigurationException("The folder of candidate mappings does not exist: "
                    + folder.toAbsolutePath() + " (set CONNECTOR_INVITATIONS_MAPPINGS)");
        }
        return registry;
    }

    @Bean
    @DependsOnDatabaseInitialization
    InvitationLedger invitationLedger(DataSource dataSource) {
        return new InvitationLedger(dataSource);
    }

    @Bean
    Invitations invitations(InvitationLedger invitations, Ledger postings, InvitationProperties settings,
                            Clock clock,
                            @Value("${connector.invitation-links.writeback:false}") boolean linkWriteback) {
        return new Invitations(invitations, postings, settings, clock, linkWriteback);
    }

    /** The drop folder's file rules, for files of applications, over the candidate mappings. */
    @Bean
    CandidateIntake candidateIntake(IntakeGate gate, RunSummary summary, Clock clock, InvitationProperties settings,
                                    ConnectorProperties connector, JobMojitoEndpoint endpoint) throws IOException {
        MappingRegistry mappings = candidateMappings(settings, connector, endpoint);
        Path inbox = folder(settings.inbox(), Path.of("data", "candidates"));
        return new CandidateIntake(new FileIntake(mappings, gate, summary, clock, inbox.toAbsolutePath(),
                connector.fileSettleTime().multipliedBy(6)), mappings);
    }

    private static Path folder(Path configured, Path fallback) {
        return configured == null || configured.toString().isBlank() ? fallback : configured;
    }
}
