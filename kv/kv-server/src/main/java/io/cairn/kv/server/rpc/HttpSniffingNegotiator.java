package io.cairn.kv.server.rpc;

import io.cairn.observe.http.ObserveEndpoints;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.concurrent.Executor;

/**
 * The plaintext gRPC negotiator, with a look at each connection's first bytes: HTTP/1.x requests are answered by
 * the observe endpoints ({@code /metrics}, {@code /health}, {@code /livez}, {@code /readyz}), everything else goes
 * to gRPC unchanged.
 *
 * <p>Why: etcd serves these paths on its client URL next to gRPC (one port, split by the first bytes), and
 * Prometheus configurations and Kubernetes probes written for etcd point there. Doing the split inside the gRPC
 * server's own pipeline keeps gRPC traffic free of any proxy hop: a gRPC connection only waits for its first
 * bytes. It relies on grpc-netty's {@code Internal*} negotiator API, the hook gRPC provides for this.
 */
final class HttpSniffingNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private final InternalProtocolNegotiator.ProtocolNegotiator grpc = InternalProtocolNegotiators.serverPlaintext();
    private final ObserveEndpoints endpoints;
    private final Executor executor;

    /**
     * @param endpoints answers the HTTP requests
     * @param executor  runs them (a health check may wait for a linearizable read; the event loop must not)
     */
    HttpSniffingNegotiator(ObserveEndpoints endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    public AsciiString scheme() {
        return grpc.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        return new ProtocolSniffer(grpc.newHandler(grpcHandler), endpoints, executor);
    }

    @Override
    public void close() {
        grpc.close();
    }
}
