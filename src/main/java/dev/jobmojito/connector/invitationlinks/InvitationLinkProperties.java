package dev.jobmojito.connector.invitationlinks;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Writing interview links back ({@code connector.invitation-links.*}; README "Inviting candidates").
 *
 * @param writeback the link of each new invitation is written to the ATS as a note
 *                  ({@code CONNECTOR_INVITATIONS_LINK_WRITEBACK})
 * @param mappings  the folder of link mappings ({@code <source>.yaml}, {@code default.yaml};
 *                  {@code CONNECTOR_INVITATIONS_LINK_MAPPINGS})
 */
@ConfigurationProperties("connector.invitation-links")
public record InvitationLinkProperties(boolean writeback, Path mappings) {

    public InvitationLinkProperties {
        mappings = mappings == null || mappings.toString().isBlank() ? Path.of("mappings", "links") : mappings;
    }
}
