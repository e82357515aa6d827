package dev.jobmojito.connector.invitations;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of candidate invitations ({@code connector.invitations.*}, fed by {@code CONNECTOR_INVITATIONS_*}; the
 * README's settings table lists them).
 *
 * @param enabled               the drop folder of application exports runs (CONNECTOR_INVITATIONS)
 * @param inbox                 that drop folder: a file in {@code <inbox>/<candidate mapping>/} is read with
 *                              {@code <mappings>/<candidate mapping>.yaml}
 * @param mappings              the folder of candidate mappings
 * @param stage                 the ATS stage whose applications are invited: what the bundled candidate mappings'
 *                              {@code ${CONNECTOR_INVITATIONS_STAGE}} reads
 * @param sendEmail             {@code send_email} for mappings that do not map it: JobMojito sends its
 *                              invitation and reminders
 * @param isTest                {@code is_test} for mappings that do not map it (trials: results flagged as tests)
 * @param linkInResults         the result line of an invitation carries the candidate's interview link (a bearer
 *                              link: it is never logged)
 * @param personalDataInResults the result line carries the candidate's name and email
 * @param rowAttempts           calls a row JobMojito answered with "Error: ..." gets (itself alone after the
 *                              first) before it is reported failed
 * @param batchSize             users per register-users call at most
 */
@ConfigurationProperties("connector.invitations")
public record InvitationProperties(boolean enabled, Path inbox, Path mappings, String stage, boolean sendEmail, boolean isTest,
                                   boolean linkInResults, boolean personalDataInResults, int rowAttempts,
                                   int batchSize) {

    /** The variable candidate mappings read the stage from. */
    public static final String STAGE_VARIABLE = "CONNECTOR_INVITATIONS_STAGE";

    public InvitationProperties {
        stage = stage == null || stage.isBlank() ? "AI interview" : stage;
        rowAttempts = Math.max(1, rowAttempts);
        batchSize = batchSize < 1 ? 50 : batchSize;
    }

    /** The defaults of application.yaml, for tests and commands that run without Spring. */
    public static InvitationProperties defaults(Path inbox, Path mappings) {
        return new InvitationProperties(false, inbox, mappings, "AI interview", true, false, false, false, 2, 50);
    }
}
