package io.cairn.client;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite against Cairn's API server, faults through {@link FaultProxy}. */
class CairnConformanceTest extends ClientConformance {
    @TempDir
    static Path dir;
    static TestCluster cluster;
    static FaultProxy proxy;

    @BeforeAll
    static void start() {
        cluster = TestCluster.start(dir);
        proxy = new FaultProxy(cluster::transport);
    }

    @AfterAll
    static void stop() {
        proxy.close();
        cluster.close();
    }

    @Override
    ClientConfig.Builder subject(String name) {
        return ClientConfig.builder(name, proxy.clientTransport()).rateLimit(1000, 1000).audit(r -> { });
    }

    @Override
    ClientConfig.Builder writer(String name) {
        return cluster.client(name);
    }

    @Override
    void respond(String method, String pathPrefix, int times, int code, String retryAfter) {
        proxy.respond(method, pathPrefix, times, code, retryAfter);
    }

    @Override
    long count(String method, String pathPrefix) {
        return proxy.count(method, pathPrefix);
    }

    @Override
    void pauseWatchers(boolean paused) {
        proxy.pause(paused);
    }

    @Override
    void cutConnections() {
        proxy.killConnections();
    }

    @Override
    void expireHistory() {
        cluster.compact();
        cluster.restartApi();
        proxy.retarget();
    }
}
