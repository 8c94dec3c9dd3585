package io.cairn.kv.server.rpc;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.InternalChannelz;
import io.grpc.SecurityLevel;
import io.grpc.internal.GrpcAttributes;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandler;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * Puts TLS in front of a connection, then hands it to what comes next (the HTTP/1.x-or-gRPC sniffer, or gRPC
 * itself) as if it had arrived in plain text, with the TLS session attached to gRPC's negotiation event.
 *
 * <p>Why not gRPC's own TLS negotiator: it insists on ALPN {@code h2} and so refuses the HTTPS clients (curl,
 * Prometheus, Kubernetes probes) that etcd serves {@code /health} and {@code /metrics} to on the same port. Here
 * the first decrypted bytes decide, exactly as on a plain-text port. The session travels in the event's
 * attributes ({@link Grpc#TRANSPORT_ATTR_SSL_SESSION}), where {@link ClientCertificates} finds the caller's
 * certificate. A connection whose handshake fails or stalls (10 s) is closed by the TLS handler; nothing of it
 * reaches the server.
 */
final class TlsFront extends ChannelInboundHandlerAdapter {

    private static final long HANDSHAKE_TIMEOUT_SECONDS = 10;

    private final SslContext context;
    private final ChannelHandler next;
    private ProtocolNegotiationEvent held;
    private SSLSession session;

    TlsFront(SslContext context, ChannelHandler next) {
        this.context = context;
        this.next = next;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        SslHandler tls = context.newHandler(ctx.alloc());
        tls.setHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.pipeline().addBefore(ctx.name(), null, tls);
        ctx.pipeline().addAfter(ctx.name(), null, next);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof ProtocolNegotiationEvent negotiation) {
            held = negotiation;
            passOnWhenReady(ctx);
        } else if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                session = ctx.pipeline().get(SslHandler.class).engine().getSession();
                passOnWhenReady(ctx);
            } else {
                ctx.close();
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    /** Once both the handshake is done and gRPC has started its negotiation, continue it with the session. */
    private void passOnWhenReady(ChannelHandlerContext ctx) {
        if (held == null || session == null) {
            return;
        }
        Attributes attributes = InternalProtocolNegotiationEvent.getAttributes(held).toBuilder()
                .set(Grpc.TRANSPORT_ATTR_SSL_SESSION, session)
                .set(GrpcAttributes.ATTR_SECURITY_LEVEL, SecurityLevel.PRIVACY_AND_INTEGRITY)
                .build();
        ProtocolNegotiationEvent secured = InternalProtocolNegotiationEvent.withSecurity(
                InternalProtocolNegotiationEvent.withAttributes(held, attributes),
                new InternalChannelz.Security(new InternalChannelz.Tls(session)));
        ctx.pipeline().remove(this);
        ctx.fireUserEventTriggered(secured);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a failed handshake or garbage instead of TLS: the caller is gone, the server carries on
    }
}
