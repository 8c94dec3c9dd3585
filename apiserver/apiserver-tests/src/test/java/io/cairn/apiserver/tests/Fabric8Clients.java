package io.cairn.apiserver.tests;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * fabric8 clients configured the way a user configures them: from the kubeconfig the server wrote.
 *
 * <p>Why: the fabric8 tests must exercise the client's default stack (Vert.x HTTP client, WebSocket-first watches,
 * retries) against what {@code cairn server} hands out, with no test-only settings in between.
 */
final class Fabric8Clients {
    private Fabric8Clients() {
    }

    /** A client built from {@code server}'s admin kubeconfig. */
    static KubernetesClient of(CairnServer server) {
        try {
            Config config = Config.fromKubeconfig(Files.readString(server.kubeconfig()));
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
