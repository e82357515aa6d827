package dev.jobmojito.connector.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jobmojito.connector.support.EmbeddedSftpServer;
import dev.jobmojito.connector.support.JobMojitoStandIn;
import dev.jobmojito.connector.support.OnceRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The SFTP drop against a real embedded SFTP server, with key authentication and host key checking. */
@ExtendWith(OutputCaptureExtension.class)
class SftpDropOnceRunTest {

    @TempDir
    Path work;

    private EmbeddedSftpServer sftp;
    private JobMojitoStandIn jobMojito;
    private OnceRunner connector;
    private Path drop;

    @BeforeEach
    void start() throws IOException {
        sftp = new EmbeddedSftpServer(Files.createDirectories(work.resolve("sftp-root")));
        jobMojito = new JobMojitoStandIn();
        drop = Files.createDirectories(sftp.root().resolve("upload/greenhouse"));
        connector = new OnceRunner(work.resolve("connector")).against(jobMojito)
                .with("--connector.sftp.host=127.0.0.1")
                .with("--connector.sftp.port=" + sftp.port())
                .with("--connector.sftp.username=" + EmbeddedSftpServer.USER)
                .with("--connector.sftp.private-key-file=" + sftp.writeClientKey(work.resolve("id_ecdsa")))
                .with("--connector.sftp.directory=upload")
                .with("--connector.sftp.poll-interval=500");
    }

    @AfterEach
    void stop() {
        jobMojito.close();
        sftp.close();
    }

    private void upload(String name, String content) throws IOException {
        Files.writeString(drop.resolve(name), content);
        Files.setLastModifiedTime(drop.resolve(name), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 60_000));
    }

    private List<String> onServer(String folder) throws IOException {
        Path directory = sftp.root().resolve("upload").resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFileOnTheServerIsHandledAndMovedToDoneOnTheServer() throws IOException {
        upload("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));

        int code = connector.run("--connector.sftp.known-hosts-file=" + sftp.writeKnownHosts(work.resolve("known")));

        assertThat(code).isZero();
        assertThat(jobMojito.interviews()).hasSize(4);
        assertThat(onServer("greenhouse")).isEmpty();
        assertThat(onServer(".done/greenhouse")).singleElement().asString().endsWith("-jobs.json");
        List<JsonNode> results = connector.resultLines();
        assertThat(results).hasSize(4).allSatisfy(r -> {
            assertThat(r.get("status").asText()).isEqualTo("created");
            assertThat(r.at("/source/route").asText()).isEqualTo("sftp");
            assertThat(r.at("/source/file").asText()).isEqualTo("greenhouse/jobs.json");
        });
    }

    @Test
    void anUnreadableFileIsMovedToErrorOnTheServerWithItsReason() throws IOException {
        upload("broken.json", "{\"jobs\": [");

        int code = connector.run("--connector.sftp.known-hosts-file=" + sftp.writeKnownHosts(work.resolve("known")));

        assertThat(code).isEqualTo(1);
        List<String> quarantined = onServer(".error/greenhouse");
        assertThat(quarantined).hasSize(2).anySatisfy(n -> assertThat(n).endsWith("broken.json.reason.txt"));
        String reasonFile = quarantined.stream().filter(n -> n.endsWith(".reason.txt")).findFirst().orElseThrow();
        assertThat(Files.readString(sftp.root().resolve("upload/.error/greenhouse/" + reasonFile)))
                .contains("File: greenhouse/broken.json", "invalid JSON");
    }

    @Test
    void aServerWithAnotherHostKeyIsRefusedNothingIsFetchedAndTheRunFails(CapturedOutput output) throws IOException {
        upload("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));

        int code = connector.run("--connector.sftp.known-hosts-file="
                + sftp.writeWrongKnownHosts(work.resolve("known")));

        assertThat(code).isEqualTo(1);
        assertThat(onServer("greenhouse")).containsExactly("jobs.json");
        assertThat(jobMojito.received()).isEmpty();
        // the summary names the host and the fix
        assertThat(output.getAll()).contains("Source sftp could not be read: host key changed: SFTP server [127.0.0.1]:"
                + sftp.port() + " answered with a key other than the one in the known_hosts file "
                + "(CONNECTOR_SFTP_KNOWN_HOSTS_FILE)", "replace that line with the new one");
    }

    @Test
    void aServerMissingFromKnownHostsIsNamedWithTheFix(CapturedOutput output) throws IOException {
        upload("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));

        int code = connector.run("--connector.sftp.known-hosts-file=" + Files.writeString(work.resolve("empty"), ""));

        assertThat(code).isEqualTo(1);
        assertThat(jobMojito.received()).isEmpty();
        assertThat(output.getAll()).contains("Source sftp could not be read: host key unknown: SFTP server [127.0.0.1]:"
                + sftp.port() + " is not in the known_hosts file (CONNECTOR_SFTP_KNOWN_HOSTS_FILE). Add its line");
    }

    @Test
    void withoutAKnownHostsFileTheConnectorRefusesToStart(CapturedOutput output) {
        assertThat(connector.run()).isEqualTo(2);
        assertThat(output.getAll()).contains("CONNECTOR_SFTP_KNOWN_HOSTS_FILE must name a known_hosts file");
    }

    @Test
    void turningHostKeyCheckingOffWorksButIsWarnedAbout(CapturedOutput output) throws IOException {
        upload("jobs.json", Files.readString(Path.of("samples/greenhouse/jobs.json")));

        int code = connector.run("--connector.sftp.strict-host-key-checking=no");

        assertThat(code).isZero();
        assertThat(output.getAll()).contains("SFTP host key checking is OFF");
        assertThat(jobMojito.interviews()).hasSize(4);
    }
}
