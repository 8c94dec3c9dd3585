package io.cairn.client;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite against fabric8's mock web server with {@link MockKube} behind it. */
class MockServerConformanceTest extends ClientConformance {
    static MockWebServer server;
    static MockKube kube;

    @BeforeAll
    static void start() {
        kube = new MockKube();
        server = new MockWebServer();
        server.setDispatcher(kube);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.shutdown();
    }

    private static Config transport() {
        Config c = Config.empty();
        c.setMasterUrl("http://127.0.0.1:" + server.getPort());
        return c;
    }

    @Override
    ClientConfig.Builder subject(String name) {
        return ClientConfig.builder(name, transport()).rateLimit(1000, 1000).audit(r -> { });
    }

    @Override
    ClientConfig.Builder writer(String name) {
        return subject(name);
    }

    @Override
    void respond(String method, String pathPrefix, int times, int code, String retryAfter) {
        kube.respond(method, pathPrefix, times, code, retryAfter);
    }

    @Override
    long count(String method, String pathPrefix) {
        return kube.count(method, pathPrefix);
    }

    @Override
    void pauseWatchers(boolean paused) {
        kube.pauseWatches(paused);
    }

    @Override
    void cutConnections() {
        // every watch answer of the mock ends by itself: each one is a cut connection
    }

    @Override
    void expireHistory() {
        kube.compact();
    }
}
