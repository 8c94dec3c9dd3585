package io.cairn.apiserver.tests;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * client-java set up the way its users set it up: from the kubeconfig file {@code cairn server} wrote.
 *
 * <p>Why: the tests must exercise the official client's own kubeconfig loading (CA data, client certificate and
 * key) and OkHttp stack, not a hand-built connection.
 */
final class JavaClients {
    private JavaClients() {
    }

    /** A client for the server's admin kubeconfig, with a bounded read timeout so a stuck call fails the test. */
    static ApiClient of(CairnServer server) {
        try (Reader r = Files.newBufferedReader(server.kubeconfig(), StandardCharsets.UTF_8)) {
            return ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(r)).setReadTimeout(Duration.ofSeconds(60))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Status in an ApiException's body. */
    static V1Status status(ApiException e) {
        return JSON.deserialize(e.getResponseBody(), V1Status.class);
    }

    /** Metadata with a name (and labels). */
    static V1ObjectMeta meta(String name, Map<String, String> labels) {
        return new V1ObjectMeta().name(name).labels(labels);
    }

    /** Waits up to {@code seconds} for a condition that another party makes true. */
    static boolean eventually(int seconds, BooleanSupplier condition) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
