package io.cairn.apiserver;

import io.grpc.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * A Kubernetes-compatible API server that keeps its objects in an etcd v3 store.
 *
 * <p>Why: platform teams want kubectl, fabric8 and client-java to work against an embedded, single-process
 * control plane. The server reaches the store only through etcd's gRPC API (the {@code store} channel), so it runs
 * beside an in-process Cairn member, a Cairn cluster or any etcd.
 * <pre>{@code
 * try (ApiServer api = ApiServer.create(ApiServerConfig.builder(dataDir).build(), channel).start()) {
 *     // kubectl --kubeconfig api.kubeconfig() get ns
 * }
 * }</pre>
 */
public interface ApiServer extends AutoCloseable {

    /** Creates a server; nothing is bound or written until {@link #start()}. */
    static ApiServer create(ApiServerConfig config, Channel store) {
        return new KubeApiServer(config, store);
    }

    /**
     * Creates (on first start) the certificate authority and certificates under the data directory, writes the
     * kubeconfig, starts the watch cache and binds the HTTPS listener. Returns this server.
     *
     * @throws IllegalStateException if the port cannot be bound or the certificates cannot be written
     */
    ApiServer start();

    /** The bound address (with the real port when 0 was asked for). */
    InetSocketAddress address();

    /** The kubeconfig written at start: admin client certificate, the CA, and the server URL. */
    Path kubeconfig();

    /** Stops serving and ends every open watch; idempotent. */
    @Override
    void close();
}
