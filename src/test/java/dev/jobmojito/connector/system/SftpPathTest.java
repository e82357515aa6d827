package dev.jobmojito.connector.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CONNECTOR_SFTP_DIRECTORY as the SFTP route's path: Camel reads every path from the login directory. */
class SftpPathTest {

    @Test
    void aRelativeDirectoryIsKeptAndAnAbsoluteOneClimbsToTheRootFirst() {
        assertThat(SourceSwitches.sftpPath("inbox")).isEqualTo("inbox");
        assertThat(SourceSwitches.sftpPath("drop/jobs")).isEqualTo("drop/jobs");
        assertThat(SourceSwitches.sftpPath("/srv/drop")).isEqualTo("../".repeat(12) + "srv/drop");
        assertThat(SourceSwitches.sftpPath(" //srv/drop ")).isEqualTo("../".repeat(12) + "srv/drop");
    }
}
