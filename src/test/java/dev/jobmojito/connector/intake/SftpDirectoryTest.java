package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jobmojito.connector.support.EmbeddedSftpServer;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONNECTOR_SFTP_DIRECTORY absolute ({@code /srv/drop}, the README's example) and relative to the login
 * directory, on a server that tells them apart as OpenSSH does.
 */
class SftpDirectoryTest {

    @TempDir
    Path work;

    private EmbeddedSftpServer sftp;
    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;

    @BeforeEach
    void start() throws IOException {
        sftp = EmbeddedSftpServer.withLoginDirectory(Files.createDirectories(work.resolve("home/drop")));
        jobMojito = new JobMojitoStandIn();
        connector = new OnceRunner(work.resolve("connector")).against(jobMojito)
                .with("--connector.sftp.host=127.0.0.1")
                .with("--connector.sftp.port=" + sftp.port())
                .with("--connector.sftp.username=" + EmbeddedSftpServer.USER)
                .with("--connector.sftp.private-key-file=" + sftp.writeClientKey(work.resolve("id_ecdsa")))
                .with("--connector.sftp.known-hosts-file=" + sftp.writeKnownHosts(work.resolve("known")))
                .with("--connector.sftp.poll-interval=500");
    }

    @AfterEach
    void stop() {
        jobMojito.close();
        sftp.close();
    }

    private static void upload(Path folder) throws IOException {
        Path file = Files.createDirectories(folder.resolve("greenhouse")).resolve("jobs.json");
        Files.copy(Path.of("samples/greenhouse/jobs.json"), file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    private static List<String> names(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void anAbsoluteDirectoryIsReadFromTheServersRoot() throws IOException {
        // before: "/srv/drop" was read as "srv/drop" under the login directory: "Cannot change directory to: srv"
        Path absolute = Files.createDirectories(work.resolve("srv/drop")).toAbsolutePath();
        upload(absolute);

        assertThat(connector.run("--connector.sftp.directory=" + absolute)).isZero();

        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(names(absolute.resolve(".done/greenhouse"))).singleElement().asString().endsWith("-jobs.json");
        assertThat(names(absolute.resolve("greenhouse"))).isEmpty();
    }

    @Test
    void aRelativeDirectoryIsUnderTheLoginDirectory() throws IOException {
        Path underHome = sftp.root().resolve("upload");
        upload(underHome);

        assertThat(connector.run("--connector.sftp.directory=upload")).isZero();

        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(names(underHome.resolve(".done/greenhouse"))).hasSize(1);
    }
}
