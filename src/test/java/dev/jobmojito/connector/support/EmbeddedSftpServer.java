package dev.jobmojito.connector.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on loopback for tests: an EC host key, key authentication for one
 * client key, and a folder on disk as the server's file system.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    public static final String USER = "drop";

    private final SshServer server;
    private final Path root;
    private final KeyPair hostKey;
    private final KeyPair clientKey;

    public EmbeddedSftpServer(Path root) {
        this(root, new VirtualFileSystemFactory(root.toAbsolutePath()), new SftpSubsystemFactory());
    }

    /**
     * A server that shows the machine's own file system, as OpenSSH does: an absolute path is that path on disk,
     * a relative one is under {@code home}, the login directory. For telling absolute from relative paths apart.
     */
    public static EmbeddedSftpServer withLoginDirectory(Path home) {
        Path login = home.toAbsolutePath();
        return new EmbeddedSftpServer(login, NativeFileSystemFactory.INSTANCE, new SftpSubsystemFactory() {
            @Override
            public Command createSubsystem(ChannelSession channel) {
                return new SftpSubsystem(channel, this) {
                    @Override
                    public void setFileSystem(FileSystem fileSystem) {
                        super.setFileSystem(fileSystem);
                        defaultDir = login; // where relative paths start, as the login directory of OpenSSH
                    }
                };
            }
        });
    }

    private EmbeddedSftpServer(Path root, FileSystemFactory files, SftpSubsystemFactory sftp) {
        this.root = root.toAbsolutePath();
        this.hostKey = ecKeyPair();
        this.clientKey = ecKeyPair();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((username, key, session) ->
                USER.equals(username) && key.equals(clientKey.getPublic()));
        server.setPasswordAuthenticator(null);
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(files);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The server's file system (or, {@link #withLoginDirectory}, the login directory), as a folder on disk. */
    public Path root() {
        return root;
    }

    /** Writes the client's private key (OpenSSH format) for the connector to log in with. */
    public Path writeClientKey(Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "connector", null, out);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a known_hosts file that vouches for this server's host key. */
    public Path writeKnownHosts(Path file) {
        return writeKnownHostsLine(file, PublicKeyEntry.toString(hostKey.getPublic()));
    }

    /** Writes a known_hosts file that names this server with some other key: an impostor, as the client sees it. */
    public Path writeWrongKnownHosts(Path file) {
        return writeKnownHostsLine(file, PublicKeyEntry.toString(ecKeyPair().getPublic()));
    }

    private Path writeKnownHostsLine(Path file, String key) {
        try {
            Files.writeString(file, "[127.0.0.1]:" + port() + " " + key + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
