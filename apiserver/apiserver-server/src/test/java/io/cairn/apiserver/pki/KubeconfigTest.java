package io.cairn.apiserver.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

class KubeconfigTest {

    private static final String CA = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
    private static final String CERT = "-----BEGIN CERTIFICATE-----\nADMIN\n-----END CERTIFICATE-----\n";
    private static final String KEY = "-----BEGIN PRIVATE KEY-----\nKEY\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path directory;

    private Path written() throws Exception {
        Path file = directory.resolve("sub").resolve("kubeconfig.yaml");
        Kubeconfig.write(file, "https://127.0.0.1:6443", CA, CERT, KEY);
        return file;
    }

    private static String decoded(JsonNode node) {
        return new String(Base64.getDecoder().decode(node.asString()), StandardCharsets.US_ASCII);
    }

    @Test
    void theFileNamesOneClusterUserAndContextWithTheCredentialsInline() throws Exception {
        JsonNode config = new YAMLMapper().readTree(Files.readString(written()));

        assertThat(config.get("apiVersion").asString()).isEqualTo("v1");
        assertThat(config.get("kind").asString()).isEqualTo("Config");
        assertThat(config.get("current-context").asString()).isEqualTo("cairn");
        JsonNode cluster = config.get("clusters").get(0);
        assertThat(cluster.get("name").asString()).isEqualTo("cairn");
        assertThat(cluster.get("cluster").get("server").asString()).isEqualTo("https://127.0.0.1:6443");
        assertThat(decoded(cluster.get("cluster").get("certificate-authority-data"))).isEqualTo(CA);
        JsonNode user = config.get("users").get(0);
        assertThat(user.get("name").asString()).isEqualTo("cairn-admin");
        assertThat(decoded(user.get("user").get("client-certificate-data"))).isEqualTo(CERT);
        assertThat(decoded(user.get("user").get("client-key-data"))).isEqualTo(KEY);
        JsonNode context = config.get("contexts").get(0);
        assertThat(context.get("name").asString()).isEqualTo("cairn");
        assertThat(context.get("context").get("cluster").asString()).isEqualTo("cairn");
        assertThat(context.get("context").get("user").asString()).isEqualTo("cairn-admin");
    }

    @Test
    void theFileIsOwnerOnlyAndNoTemporaryFileIsLeftBehind() throws Exception {
        Path file = written();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writingAgainReplacesTheWholeFile() throws Exception {
        Path file = written();
        Kubeconfig.write(file, "https://10.0.0.1:6443", CA, CERT, KEY);

        JsonNode config = new YAMLMapper().readTree(Files.readString(file));
        assertThat(config.get("clusters").get(0).get("cluster").get("server").asString())
                .isEqualTo("https://10.0.0.1:6443");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{.current-context}                               | cairn",
        "{.clusters[0].cluster.server}                    | https://127.0.0.1:6443",
        "{.users[0].name}                                 | cairn-admin",
        "{.contexts[0].context.user}                      | cairn-admin",
    })
    void kubectlReadsTheFile(String jsonPath, String expected) throws Exception {
        assumeThat(Kubectl.available()).as("kubectl on PATH").isTrue();
        Kubectl.Result result = Kubectl.run("--kubeconfig", written().toString(), "config", "view", "--raw",
                "-o", "jsonpath=" + jsonPath);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(expected);
    }

    @Test
    void kubectlDecodesTheInlineCertificateAuthority() throws Exception {
        assumeThat(Kubectl.available()).as("kubectl on PATH").isTrue();
        Kubectl.Result result = Kubectl.run("--kubeconfig", written().toString(), "config", "view", "--raw",
                "-o", "jsonpath={.clusters[0].cluster.certificate-authority-data}");

        assertThat(new String(Base64.getDecoder().decode(result.stdout()), StandardCharsets.US_ASCII)).isEqualTo(CA);
    }
}
