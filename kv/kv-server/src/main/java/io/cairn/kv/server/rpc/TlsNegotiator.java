package io.cairn.kv.server.rpc;

import io.cairn.observe.http.ObserveEndpoints;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The client port's negotiator for {@code https://} URLs: TLS first, then the same split as on a plain-text port
 * (HTTP/1.x to the observe endpoints, everything else to gRPC).
 */
final class TlsNegotiator implements InternalProtocolNegotiator.ProtocolNegotiator {

    private static final AsciiString HTTPS = AsciiString.of("https");

    private final InternalProtocolNegotiator.ProtocolNegotiator grpc = InternalProtocolNegotiators.serverPlaintext();
    private final SslContext context;
    private final Optional<ObserveEndpoints> endpoints;
    private final Executor executor;

    TlsNegotiator(SslContext context, Optional<ObserveEndpoints> endpoints, Executor executor) {
        this.context = context;
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    public AsciiString scheme() {
        return HTTPS;
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
        ChannelHandler plain = grpc.newHandler(grpcHandler);
        ChannelHandler next = endpoints.<ChannelHandler>map(e -> new ProtocolSniffer(plain, e, executor))
                .orElse(plain);
        return new TlsFront(context, next);
    }

    @Override
    public void close() {
        grpc.close();
    }
}
