package dev.jobmojito.connector.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment kit (deploy/kubernetes, deploy/systemd) agrees with the connector: the YAML parses, the probes
 * ask the actuator endpoints the application exposes on the port it listens on, the stop grace outlasts the
 * connector's own, every setting is one the README's table names, and no secret is written in a file.
 */
class DeployKitTest {

    private static final Path KUBERNETES = Path.of("deploy/kubernetes");
    private static final Path SYSTEMD = Path.of("deploy/systemd");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|PASSWORD|SECRET|API_KEY|PRIVATE_KEY).*");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Map<String, JsonNode> BY_KIND = new HashMap<>();
    static JsonNode application;
    static Set<String> readmeSettings;

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                List<JsonNode> documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
                assertThat(documents).as(file.toString()).isNotEmpty();
                for (JsonNode document : documents) {
                    assertThat(document.path("kind").asText()).as(file + ": kind").isNotEmpty();
                    assertThat(BY_KIND.put(document.path("kind").asText(), document)).as(file + ": one of a kind")
                            .isNull();
                }
            }
        }
        application = YAML.readTree(Path.of("src/main/resources/application.yaml").toFile());
        readmeSettings = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `((?:CONNECTOR|JOBMOJITO)_[A-Z0-9_]+)` \\|")
                .matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            readmeSettings.add(row.group(1));
        }
        assertThat(readmeSettings).hasSizeGreaterThan(30);
    }

    @Test
    void kustomizationListsFilesThatExistAndLeavesTheSecretOut() {
        JsonNode kustomization = BY_KIND.get("Kustomization");
        List<String> resources = new ArrayList<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertThat(resources).allSatisfy(r -> assertThat(KUBERNETES.resolve(r)).isRegularFile())
                .doesNotContain("secret.yaml");
        assertThat(BY_KIND).containsKeys("Deployment", "ConfigMap", "Secret", "PersistentVolumeClaim");
    }

    @Test
    void twoReplicasProbedOnTheActuatorsLivenessAndReadinessOnTheHttpPort() {
        JsonNode deployment = BY_KIND.get("Deployment");
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode container = container();

        JsonNode health = application.at("/management/endpoint/health");
        assertThat(health.at("/probes/enabled").asBoolean()).as("health probes enabled").isTrue();
        assertThat(application.at("/management/endpoints/web/exposure/include").asText().split(","))
                .contains("health");
        String base = application.at("/management/endpoints/web/base-path").asText("/actuator");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo(base + "/health/liveness");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo(base + "/health/readiness");

        int port = Integer.parseInt(setting("CONNECTOR_HTTP_PORT", "/server/port"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            if (container.has(probe)) {
                assertThat(containerPort(container, container.at("/" + probe + "/httpGet/port"))).as(probe)
                        .isEqualTo(port);
            }
        }
        // the kubelet calls the pod's address: loopback, the connector's default, would fail every probe
        assertThat(configMap().path("CONNECTOR_HTTP_ADDRESS").asText()).isEqualTo("0.0.0.0");
        assertThat(deployment.at("/spec/template/metadata/annotations/prometheus.io~1port").asText())
                .isEqualTo(String.valueOf(port));
    }

    @Test
    void theKubeletWaitsLongerThanTheConnectorsGraceOnSigterm() {
        int grace = Integer.parseInt(setting("CONNECTOR_SHUTDOWN_GRACE", "/camel/main/shutdown-timeout"));
        assertThat(BY_KIND.get("Deployment").at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .isGreaterThan(grace);
    }

    @Test
    void theDropFolderIsAReadWriteManyVolumeSharedByEveryReplica() {
        JsonNode claim = BY_KIND.get("PersistentVolumeClaim");
        assertThat(claim.at("/spec/accessModes").toString()).contains("ReadWriteMany");
        String volume = null;
        for (JsonNode v : BY_KIND.get("Deployment").at("/spec/template/spec/volumes")) {
            if (v.at("/persistentVolumeClaim/claimName").asText().equals(claim.at("/metadata/name").asText())) {
                volume = v.path("name").asText();
            }
        }
        assertThat(volume).isNotNull();
        String inbox = configMap().path("CONNECTOR_INBOX").asText();
        boolean mounted = false;
        for (JsonNode mount : container().path("volumeMounts")) {
            mounted |= mount.path("name").asText().equals(volume) && mount.path("mountPath").asText().equals(inbox);
        }
        assertThat(mounted).as("the shared volume is mounted at CONNECTOR_INBOX " + inbox).isTrue();
    }

    @Test
    void secretsComeFromTheSecretAsFilesAndNoValueIsWrittenInTheKit() {
        JsonNode secret = BY_KIND.get("Secret");
        for (String part : List.of("data", "stringData")) {
            secret.path(part).fields().forEachRemaining(e -> assertThat(e.getValue().asText())
                    .as("Secret %s.%s must not be committed with a value", part, e.getKey()).isEmpty());
        }
        configMap().fieldNames().forEachRemaining(name -> assertThat(name).as("ConfigMap key")
                .doesNotMatch(SECRET_NAME));

        JsonNode container = container();
        String mountPath = null;
        for (JsonNode v : BY_KIND.get("Deployment").at("/spec/template/spec/volumes")) {
            if (v.at("/secret/secretName").asText().equals(secret.at("/metadata/name").asText())) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    if (mount.path("name").asText().equals(v.path("name").asText())) {
                        mountPath = mount.path("mountPath").asText();
                    }
                }
            }
        }
        assertThat(mountPath).as("the Secret is mounted").isNotNull();
        Map<String, String> files = new LinkedHashMap<>();
        for (JsonNode env : container.path("env")) {
            String name = env.path("name").asText();
            if (SECRET_NAME.matcher(name).matches()) {
                assertThat(name).as("a secret is given as a file, never as a value").endsWith("_FILE");
                files.put(name, env.path("value").asText());
            }
        }
        assertThat(files).containsOnlyKeys("JOBMOJITO_API_TOKEN_FILE", "CONNECTOR_LEDGER_PASSWORD_FILE");
        for (String file : files.values()) {
            assertThat(file).startsWith(mountPath + "/");
            assertThat(secret.path("stringData").has(file.substring(mountPath.length() + 1))).as(file).isTrue();
        }
    }

    @Test
    void theContainerRunsAsTheImagesUserWithAReadOnlyRoot() throws IOException {
        JsonNode pod = BY_KIND.get("Deployment").at("/spec/template/spec");
        Matcher user = Pattern.compile("<user>(\\d+):(\\d+)</user>").matcher(Files.readString(Path.of("pom.xml")));
        assertThat(user.find()).as("the image's user in pom.xml").isTrue();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asText()).isEqualTo(user.group(1));
        assertThat(container().at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void everySettingTheKitSetsIsOneTheReadmeTableNames() throws IOException {
        Set<String> used = new TreeSet<>();
        configMap().fieldNames().forEachRemaining(used::add);
        container().path("env").forEach(env -> used.add(env.path("name").asText()));
        for (String line : Files.readAllLines(SYSTEMD.resolve("connector.env.example"))) {
            Matcher variable = Pattern.compile("^#?([A-Z][A-Z0-9_]*)=").matcher(line);
            if (variable.find()) {
                used.add(variable.group(1));
            }
        }
        Matcher environment = Pattern.compile("(?m)^#?Environment=([A-Z0-9_]+)=")
                .matcher(Files.readString(SYSTEMD.resolve("jobmojito-connector.service")));
        while (environment.find()) {
            used.add(environment.group(1));
        }
        assertThat(used.stream().filter(name -> name.startsWith("CONNECTOR_") || name.startsWith("JOBMOJITO_")))
                .isNotEmpty().allSatisfy(name -> assertThat(readmeSettings).as("README table").contains(name));
    }

    @Test
    void theSystemdUnitRunsTheCdsStartAsItsOwnUserAndOutwaitsTheGrace() throws IOException {
        Map<String, List<String>> unit = new HashMap<>();
        for (String line : Files.readAllLines(SYSTEMD.resolve("jobmojito-connector.service"))) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                unit.computeIfAbsent(line.substring(0, equals), k -> new ArrayList<>()).add(line.substring(equals + 1));
            }
        }
        assertThat(unit.get("User")).singleElement().isNotIn("root", "0");
        assertThat(unit.get("Restart")).containsExactly("on-failure");
        assertThat(unit.get("ExecStart")).singleElement().asString()
                .contains("-XX:SharedArchiveFile=", "-jar ");
        assertThat(unit).containsKeys("EnvironmentFile", "LoadCredential");
        int grace = Integer.parseInt(application.at("/camel/main/shutdown-timeout").asText()
                .replaceAll("\\$\\{CONNECTOR_SHUTDOWN_GRACE:(\\d+)}", "$1"));
        for (String line : Files.readAllLines(SYSTEMD.resolve("connector.env.example"))) {
            if (line.startsWith("CONNECTOR_SHUTDOWN_GRACE=")) {
                grace = Integer.parseInt(line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(Integer.parseInt(unit.get("TimeoutStopSec").get(0))).isGreaterThan(grace);
    }

    @Test
    void systemdAcceptsTheUnit() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Process verify = new ProcessBuilder("/usr/bin/systemd-analyze", "verify",
                SYSTEMD.resolve("jobmojito-connector.service").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(verify.getInputStream().readAllBytes());
        // it reports unknown keys and bad values without failing; the binary (java) may be missing on a build machine
        assertThat(out.lines().filter(line -> !line.contains("/usr/bin/java"))).as(out).isEmpty();
    }

    private static JsonNode container() {
        JsonNode containers = BY_KIND.get("Deployment").at("/spec/template/spec/containers");
        assertThat(containers.size()).isEqualTo(1);
        return containers.get(0);
    }

    private static JsonNode configMap() {
        return BY_KIND.get("ConfigMap").path("data");
    }

    private static int containerPort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    /** The ConfigMap's value of a variable, or the default the application gives it ({@code ${NAME:default}}). */
    private static String setting(String variable, String applicationPointer) {
        if (configMap().has(variable)) {
            return configMap().path(variable).asText();
        }
        Matcher placeholder = Pattern.compile("\\$\\{" + variable + ":([^}]*)}")
                .matcher(application.at(applicationPointer).asText());
        assertThat(placeholder.matches()).as(applicationPointer).isTrue();
        return placeholder.group(1);
    }
}
