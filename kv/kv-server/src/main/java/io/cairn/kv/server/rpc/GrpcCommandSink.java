package io.cairn.kv.server.rpc;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelOutboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPromise;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObject;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an HTTP/1.x connection on the client port: the gRPC server still owns the connection and
 * writes its commands (graceful shutdown, forceful close, handshake timeout) into it; each of them closes it.
 *
 * <p>Why: without this a server shutdown would wait for idle HTTP keep-alive connections until its deadline.
 */
final class GrpcCommandSink extends ChannelOutboundHandlerAdapter {

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof HttpObject || message instanceof ByteBuf) {
            ctx.write(message, promise);
            return;
        }
        ReferenceCountUtil.release(message);
        promise.trySuccess();
        ctx.close();
    }
}
