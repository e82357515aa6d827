package dev.jobmojito.connector.invitationlinks;

import dev.jobmojito.connector.jobmojito.JobMojitoEndpoint;
import dev.jobmojito.connector.mapping.MappingError;
import dev.jobmojito.connector.mapping.MappingLoader;
import dev.jobmojito.connector.system.ConfigurationException;
import dev.jobmojito.connector.writeback.ResultMappings;
import dev.jobmojito.connector.writeback.Writeback;
import dev.jobmojito.connector.invitations.InvitationLedger;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Interview links written back: when on, the link mappings are loaded and checked at start (every problem at once,
 * exit 2; a missing folder or no {@code default.yaml} is an error too) and handed to the write-back.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvitationLinkProperties.class)
public class InvitationLinksConfiguration {

    @Bean
    InvitationLinks invitationLinks(InvitationLinkProperties settings, Writeback writeback,
                                    JobMojitoEndpoint endpoint, InvitationLedger ledger, Clock clock)
            throws IOException {
        if (settings.writeback()) {
            writeback.useLinkMappings(linkMappings(settings, endpoint));
        }
        // once mode waits this long for the notes an earlier run left (the write-back's own retries included)
        return new InvitationLinks(settings.writeback(), ledger, clock, Duration.ofSeconds(30));
    }

    @Bean
    InvitationLinkRoutes invitationLinkRoutes(InvitationLinkProperties settings) {
        return new InvitationLinkRoutes(settings.writeback());
    }

    static ResultMappings linkMappings(InvitationLinkProperties settings, JobMojitoEndpoint endpoint)
            throws IOException {
        if (!Files.isRegularFile(settings.mappings().resolve(ResultMappings.DEFAULT + ".yaml"))) {
            throw new ConfigurationException("CONNECTOR_INVITATIONS_LINK_WRITEBACK is on but there is no link mapping "
                    + settings.mappings().resolve(ResultMappings.DEFAULT + ".yaml").toAbsolutePath()
                    + " (set CONNECTOR_INVITATIONS_LINK_MAPPINGS)");
        }
        ResultMappings mappings = new ResultMappings(settings.mappings(),
                new MappingLoader(MappingLoader.environment(endpoint.interviewTemplateId())));
        List<MappingError> errors = mappings.loadAll();
        if (!errors.isEmpty()) {
            throw new ConfigurationException("The link mappings in " + settings.mappings() + " have problems:\n"
                    + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        }
        return mappings;
    }
}
