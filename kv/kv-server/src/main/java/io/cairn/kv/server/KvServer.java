package io.cairn.kv.server;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * One etcd v3-compatible store member: the MVCC store on RocksDB, its Raft log, and the gRPC API.
 *
 * <p>Why: the same server runs from the {@code cairn} CLI, from tests, and embedded in a user's JVM.
 * <pre>{@code
 * try (KvServer server = KvServer.create(KvServerConfig.builder().dataDir(dir).build()).start()) {
 *     ... connect any etcd v3 client to server.clientAddresses() ...
 * }
 * }</pre>
 */
public interface KvServer extends AutoCloseable {

    /** Creates a member for the given configuration; nothing is opened until {@link #start()}. */
    static KvServer create(KvServerConfig config) {
        return new EtcdServer(config);
    }

    /**
     * Opens the data directory, starts the Raft group, waits until this member can serve writes and binds the
     * client listeners. Returns this server.
     *
     * @throws IllegalStateException if the data directory cannot be opened or a port cannot be bound
     */
    KvServer start();

    /** The addresses the gRPC API is bound to (with the real port when 0 was asked for). */
    List<InetSocketAddress> clientAddresses();

    /**
     * The URLs of the {@code --listen-metrics-urls} listeners (with the real port when 0 was asked for); empty when
     * none were configured. {@code /metrics} and the health endpoints are also served on the client URLs.
     */
    default List<java.net.URI> metricsUrls() {
        return List.of();
    }

    /**
     * An in-process gRPC channel to this member's KV, Lease and Watch API, for components embedded in the same
     * process (the Kubernetes API server); it acts as the store's {@code root} user when auth is enabled.
     *
     * @throws IllegalStateException before {@link #start()}
     */
    io.grpc.Channel embeddedChannel();

    /** This member's id, as reported in response headers. */
    long memberId();

    /** Blocks until the server is closed. */
    void awaitTermination() throws InterruptedException;

    /** Stops serving, stops the Raft node and closes the store; idempotent. */
    @Override
    void close();
}
