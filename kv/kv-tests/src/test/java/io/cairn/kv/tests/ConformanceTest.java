package io.cairn.kv.tests;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.api.KVGrpc;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the shared conformance suite: each subclass is annotated {@link BothServers}, starts one server per run of
 * the class, and gives each test its own key prefix so tests never see each other's keys.
 *
 * <p>Why: the suite is written once against a {@link TestCluster} and run against etcd (the expected answers) and
 * Cairn. Starting one server per class, not per test, keeps the suite fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServerFailureReport.class)
abstract class ConformanceTest implements ServerFailureReport.Servers {

    private static final long CALL_TIMEOUT_SECONDS = 15;

    private final AtomicInteger testCounter = new AtomicInteger();
    /** The server under test in this run of the class. */
    @Parameter
    ServerKind kind;
    TestCluster cluster;
    private String prefix;

    private final Map<EtcdService, Boolean> servicesOfCairn = new EnumMap<>(EtcdService.class);

    @BeforeParameterizedClassInvocation
    void startCluster() {
        this.cluster = TestCluster.start(kind, serverFlags());
    }

    /** Flags (etcd's spelling) both servers of this class are started with, besides the shared ones; none here. */
    List<String> serverFlags() {
        return List.of();
    }

    @AfterParameterizedClassInvocation
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    @BeforeEach
    void chooseKeyPrefix(TestInfo info) {
        String method = info.getTestMethod().map(m -> m.getName()).orElse("test");
        prefix = "/" + getClass().getSimpleName() + "/" + method + "-" + testCounter.incrementAndGet() + "/";
    }

    @Override
    public List<ServerProcess> servers() {
        return cluster == null ? List.of() : List.of(cluster.server());
    }

    /** The jetcd KV client of the server under test. */
    KV kv() {
        return cluster.kv();
    }

    /** A raw {@code etcdserverpb.KV} stub of the server under test, with a fresh deadline. */
    KVGrpc.KVBlockingStub raw() {
        return cluster.rawKv();
    }

    /** This test's key prefix, e.g. {@code /RangeConformanceTest/readsOneKey-3/}. */
    String prefix() {
        return prefix;
    }

    /** The key {@code prefix() + name} as a string. */
    String key(String name) {
        return prefix + name;
    }

    /** The key {@code prefix() + name} as jetcd bytes. */
    ByteSequence k(String name) {
        return bytes(key(name));
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    static String text(ByteSequence bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Skips lease-dependent tests on Cairn while it answers the Lease service with {@code UNIMPLEMENTED}. */
    void assumeLeaseService() {
        assumeImplemented(EtcdService.LEASE);
    }

    /**
     * Skips the test on Cairn while Cairn answers any of {@code services} with {@code UNIMPLEMENTED}; each service is
     * probed once per run of the class. On etcd nothing is skipped: a missing service there fails the test.
     */
    void assumeImplemented(EtcdService... services) {
        if (kind != ServerKind.CAIRN) {
            return;
        }
        for (EtcdService service : services) {
            boolean implemented = servicesOfCairn.computeIfAbsent(service,
                    probed -> probed.isImplementedBy(cluster.channel()));
            Assumptions.assumeTrue(implemented, service.notImplementedMessage());
        }
    }

    /** Waits for a jetcd call; a failed call rethrows its cause (an {@code EtcdException}) unwrapped. */
    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("no answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
