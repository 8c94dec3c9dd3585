package io.cairn.apiserver.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The admin kubeconfig: one cluster, one user, one context, all named for Cairn, with the credentials inline.
 *
 * <p>Why inline ({@code -data} fields, base64 of the PEM) rather than file paths: the kubeconfig stays valid when
 * copied to another machine or mounted into a container, the way k3s's {@code k3s.yaml} is used. The file holds a
 * private key, so it is written owner-only and atomically (a reader never sees half a file).
 */
public final class Kubeconfig {

    static final String CLUSTER = "cairn";
    static final String USER = "cairn-admin";
    static final String CONTEXT = "cairn";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .build();

    private Kubeconfig() {
    }

    /**
     * Writes (or replaces) {@code file}; its parent directories are created when missing.
     *
     * @param serverUrl the API server's URL, e.g. {@code https://127.0.0.1:6443}
     * @param caPem the certificate authority kubectl trusts for the server, PEM
     * @param clientCertPem the admin client certificate, PEM
     * @param clientKeyPem the admin client certificate's private key, PEM
     */
    public static void write(Path file, String serverUrl, String caPem, String clientCertPem, String clientKeyPem)
            throws IOException {
        AtomicFiles.write(file, render(serverUrl, caPem, clientCertPem, clientKeyPem)
                .getBytes(StandardCharsets.UTF_8), true);
    }

    static String render(String serverUrl, String caPem, String clientCertPem, String clientKeyPem) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", serverUrl);
        cluster.put("certificate-authority-data", base64(caPem));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("client-certificate-data", base64(clientCertPem));
        user.put("client-key-data", base64(clientKeyPem));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", CLUSTER);
        context.put("user", USER);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(named(CLUSTER, "cluster", cluster)));
        config.put("users", List.of(named(USER, "user", user)));
        config.put("contexts", List.of(named(CONTEXT, "context", context)));
        config.put("current-context", CONTEXT);
        config.put("preferences", Map.of());
        return YAML.writeValueAsString(config);
    }

    private static Map<String, Object> named(String name, String field, Map<String, Object> value) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put(field, value);
        return entry;
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
