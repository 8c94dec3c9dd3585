package io.cairn.kv.server.consensus;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a peer connection whose TLS handshake failed, with the peer's address and the reason.
 *
 * <p>Why: Bolt and JRaft only see a connection that closes and retry quietly; an operator whose new member "never
 * joins" needs to read that its certificate was refused, and by whom, as etcd logs its rejected connections.
 */
final class PeerHandshakeLog extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerHandshakeLog.class);

    private final boolean accepted;

    /** @param accepted whether this member accepted the connection (else it opened it) */
    PeerHandshakeLog(boolean accepted) {
        this.accepted = accepted;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (!handshake.isSuccess()) {
                String reason = String.valueOf(handshake.cause().getMessage());
                if (accepted) {
                    LOG.warn("rejected peer connection from {}: TLS handshake failed: {}",
                            ctx.channel().remoteAddress(), reason);
                } else {
                    LOG.warn("peer connection to {} failed: TLS handshake failed: {}",
                            ctx.channel().remoteAddress(), reason);
                }
            }
            ctx.pipeline().remove(this);
        }
        super.userEventTriggered(ctx, event);
    }
}
