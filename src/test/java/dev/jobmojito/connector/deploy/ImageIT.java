package dev.jobmojito.connector.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image tarball that {@code mvn -Pimage package} builds (run by failsafe in that profile only): its config
 * says what the README says, and its entry point starts, from the image's own files, as the image's user.
 *
 * <p>As root (CI here) the layers are unpacked into a folder that becomes the process's root directory
 * ({@code unshare --root}, with its own /proc), so the runtime, the C libraries, the CDS archive and the files'
 * permissions are all the image's. Otherwise the image's runtime is started from the unpacked folder on this
 * machine's root: the same JVM, archive and working directory, with this machine's C libraries.
 */
class ImageIT {

    private static final Path TAR = Path.of(System.getProperty("image.tar", "target/jobmojito-connector-image.tar"));
    private static final long PROCESS_SECONDS = 120;

    @TempDir
    static Path work;
    static JsonNode config;
    static Path root;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(TAR).as("built by mvn -Pimage package").isRegularFile();
        Path image = Files.createDirectories(work.resolve("image"));
        run(List.of("tar", "-xf", TAR.toAbsolutePath().toString(), "-C", image.toString()), work, 0);
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(image.resolve("manifest.json").toFile()).get(0);
        config = json.readTree(image.resolve(manifest.get("Config").asText()).toFile()).get("config");
        root = Files.createDirectories(work.resolve("root"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", image.resolve(layer.asText()).toString(),
                    "-C", root.toString()), work, 0);
        }
        Files.createDirectories(root.resolve("proc"));
    }

    @Test
    void runsAsAnUserOtherThanRootAndExposesTheHealthPort() throws IOException {
        String user = config.path("User").asText();
        assertThat(user).matches("\\d+:\\d+");
        assertThat(user.split(":")[0]).isNotEqualTo("0");
        assertThat(config.path("ExposedPorts").has(defaultHttpPort() + "/tcp")).isTrue();
    }

    @Test
    void theEntryPointIsTheReadmesCdsStartOnTheImagesOwnFiles() throws IOException {
        List<String> entrypoint = entrypoint();
        assertThat(entrypoint).containsExactly("/opt/java/bin/java", "-XX:SharedArchiveFile=app/connector.jsa",
                "-jar", "app/jobmojito-connector.jar");
        // the README's Deploy section states it as it is
        assertThat(Files.readString(Path.of("README.md"))).contains("`" + String.join(" ", entrypoint) + "`");
        Path workingDirectory = inImage(config.path("WorkingDir").asText());
        assertThat(workingDirectory.resolve("app/connector.jsa")).isRegularFile();
        assertThat(workingDirectory.resolve("routes")).isDirectory();
        assertThat(workingDirectory.resolve("mappings")).isDirectory();
        assertThat(root.resolve("app")).as("Jib's own class layout is left out").doesNotExist();
    }

    @Test
    void theEntryPointStartsWithHelp() throws Exception {
        List<String> command = new ArrayList<>(entrypoint());
        command.add("--help");
        String out = runInImage(command, 0);
        assertThat(out).contains("jobmojito-connector: carries job postings", "Exit codes");
    }

    @Test
    void theCdsArchiveFitsTheImagesJvmAndTheShippedRoutesAndMappingsAreValid() throws Exception {
        List<String> command = new ArrayList<>(entrypoint());
        // -Xshare:on refuses to start at all when the archive does not fit (another JVM, class path or jar)
        command.add(1, "-Xshare:on");
        command.add("validate");
        String out = runInImage(command, 0);
        assertThat(out).contains("OK:").doesNotContain("Unable to use shared archive");
    }

    private static List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        config.path("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        return entrypoint;
    }

    private static Path inImage(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** The command as the container would run it, from the unpacked layers; returns stdout and stderr. */
    private static String runInImage(List<String> command, int exitCode) throws Exception {
        String workingDirectory = config.path("WorkingDir").asText();
        List<String> full = new ArrayList<>();
        if (isRoot() && onPath("unshare")) {
            String[] user = config.path("User").asText().split(":");
            full.addAll(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc=/proc",
                    "--root=" + root, "--wd=" + workingDirectory, "--setgid", user[1], "--setuid", user[0]));
            full.addAll(command);
            return run(full, work, exitCode);
        }
        full.add(inImage(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        return run(full, inImage(workingDirectory), exitCode);
    }

    private static String run(List<String> command, Path directory, int exitCode) throws Exception {
        Path output = Files.createTempFile(work, "out", ".txt");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(ended).as("%s ended within %d s; output:%n%s", command, PROCESS_SECONDS, out).isTrue();
        assertThat(process.exitValue()).as("exit code of %s; output:%n%s", command, out).isEqualTo(exitCode);
        return out;
    }

    private static boolean isRoot() throws Exception {
        return run(List.of("id", "-u"), work, 0).trim().equals("0");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** The default of server.port in application.yaml ({@code ${CONNECTOR_HTTP_PORT:8080}}). */
    static int defaultHttpPort() throws IOException {
        Matcher port = Pattern.compile("port: \\$\\{CONNECTOR_HTTP_PORT:(\\d+)}")
                .matcher(Files.readString(Path.of("src/main/resources/application.yaml")));
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }
}
