package io.cairn.apiserver;

import io.grpc.Channel;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/** The {@link ApiServer} implementation: wires the store client, watch cache, PKI and HTTP routes. */
final class KubeApiServer implements ApiServer {
    private final ApiServerConfig config;
    private final Channel store;

    KubeApiServer(ApiServerConfig config, Channel store) {
        this.config = config;
        this.store = store;
    }

    @Override
    public ApiServer start() {
        throw new UnsupportedOperationException("not wired yet");
    }

    @Override
    public InetSocketAddress address() {
        return config.listen();
    }

    @Override
    public Path kubeconfig() {
        return config.kubeconfig();
    }

    @Override
    public void close() {
    }
}
