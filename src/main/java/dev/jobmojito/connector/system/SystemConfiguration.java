package dev.jobmojito.connector.system;

import dev.jobmojito.connector.input.InputLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The settings, the clock, and the folders and SFTP settings checked before anything starts. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ConnectorProperties.class, JobMojitoProperties.class})
public class SystemConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The folders the connector reads and writes, checked before anything starts: the drop folder must exist (a
     * misspelt path would otherwise read nothing and report success), the results and state folders are
     * created when missing and must take a file. Each problem names the folder and its setting (exit 2).
     */
    @Bean
    CheckedFolders checkedFolders(ConnectorProperties connector) {
        if (!Files.isDirectory(connector.inbox())) {
            throw new ConfigurationException("The drop folder does not exist: " + connector.inbox().toAbsolutePath()
                    + " (create it, with a folder per mapping inside such as greenhouse/, or set CONNECTOR_INBOX)");
        }
        requireWritable(connector.inbox(), "CONNECTOR_INBOX", "drop folder");
        requireWritable(connector.results(), "CONNECTOR_RESULTS", "results folder");
        requireWritable(connector.state(), "CONNECTOR_STATE", "state folder");
        return new CheckedFolders(connector.inbox(), connector.results(), connector.state());
    }

    /** The limits every reader applies (connector.input.*), set before any input is read. */
    @Bean
    ConnectorProperties.Input inputLimits(ConnectorProperties connector) {
        InputLimits.configure(connector.input().maxDepth(), connector.input().maxValueLength());
        return connector.input();
    }

    private static void requireWritable(Path folder, String variable, String what) {
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".connector-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException("The " + what + " " + folder.toAbsolutePath() + " cannot be written to ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); fix its permissions or set " + variable);
        }
    }

    /**
     * Checks the SFTP settings when the SFTP route is on: host keys are verified unless turned off explicitly,
     * which is said at every start.
     */
    @Bean
    Object sftpSettingsCheck(org.springframework.core.env.Environment environment) {
        if (Boolean.parseBoolean(environment.getProperty("connector.sftp.enabled"))) {
            String strict = environment.getProperty("connector.sftp.strict-host-key-checking", "yes");
            String knownHosts = environment.getProperty("connector.sftp.known-hosts-file", "");
            if (!strict.equalsIgnoreCase("yes")) {
                org.slf4j.LoggerFactory.getLogger(SystemConfiguration.class).warn("SFTP host key checking is OFF "
                        + "(CONNECTOR_SFTP_STRICT_HOST_KEY_CHECKING={}): the connector cannot tell the SFTP server"
                        + " from an impostor. Set CONNECTOR_SFTP_KNOWN_HOSTS_FILE and turn checking back on.", strict);
            } else if (knownHosts.isBlank() || !Files.isRegularFile(Path.of(knownHosts))) {
                throw new ConfigurationException("CONNECTOR_SFTP_HOST is set, so CONNECTOR_SFTP_KNOWN_HOSTS_FILE must "
                        + "name a known_hosts file with the server's host key (it is "
                        + (knownHosts.isBlank() ? "not set" : "\"" + knownHosts + "\", which does not exist") + ")");
            }
            if (environment.getProperty("connector.sftp.private-key-file", "").isBlank()
                    && environment.getProperty("connector.sftp.password", "").isBlank()) {
                throw new ConfigurationException("CONNECTOR_SFTP_HOST is set, so CONNECTOR_SFTP_PRIVATE_KEY_FILE or "
                        + "CONNECTOR_SFTP_PASSWORD_FILE must be set");
            }
        }
        return "sftp settings checked";
    }
}
