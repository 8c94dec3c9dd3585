package io.cairn.apiserver.tests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A real Cairn server and a kubectl 1.32 bound to its kubeconfig, with a private home (discovery cache, manifests).
 *
 * <p>Why: every kubectl test class needs exactly this; the class is skipped, before any server starts, when no
 * kubectl is installed.
 *
 * @param server the server
 * @param kubectl kubectl against it
 * @param home kubectl's home, also where tests write manifests
 */
record KubectlServer(CairnServer server, Kubectl kubectl, Path home) implements AutoCloseable {

    static KubectlServer start(Path dir) throws IOException {
        Optional<Path> binary = Kubectl.binary();
        assumeTrue(binary.isPresent(), "kubectl is not installed (neither kubectl.1.32 nor kubectl on PATH)");
        CairnServer server = CairnServer.start(dir.resolve("server"));
        Path home = Files.createDirectories(dir.resolve("home"));
        return new KubectlServer(server, Kubectl.against(binary.get(), server, home), home);
    }

    @Override
    public void close() {
        server.close();
    }
}
