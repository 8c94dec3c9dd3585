package io.cairn.kv.server.rpc;

import io.cairn.observe.http.ObserveEndpoints;
import io.grpc.netty.shaded.io.grpc.netty.InternalWriteBufferingAndExceptionHandlerUtils;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelPipeline;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerCodec;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Decides from a connection's first bytes whether it speaks HTTP/1.x or gRPC, then steps aside.
 *
 * <p>It sits in front of gRPC's negotiation handler and holds back the negotiation event, so the gRPC handler (which
 * greets with an HTTP/2 SETTINGS frame) is installed only once the connection is known to be gRPC. An HTTP/1.x
 * request line starts with a method and a space; HTTP/2 (gRPC) starts with {@code PRI * HTTP/2.0}. At most eight
 * bytes are needed to tell.
 */
final class ProtocolSniffer extends ChannelInboundHandlerAdapter {

    private static final byte[][] HTTP1_METHODS = methods("GET ", "HEAD ", "POST ", "PUT ", "DELETE ", "OPTIONS ",
            "PATCH ", "TRACE ", "CONNECT ");

    enum Protocol { HTTP1, GRPC, UNDECIDED }

    private final ChannelHandler grpcNegotiation;
    private final ObserveEndpoints endpoints;
    private final Executor executor;
    private final List<Object> heldEvents = new ArrayList<>();
    private ByteBuf received;

    ProtocolSniffer(ChannelHandler grpcNegotiation, ObserveEndpoints endpoints, Executor executor) {
        this.grpcNegotiation = grpcNegotiation;
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.pipeline().addAfter(ctx.name(), null, grpcNegotiation);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        heldEvents.add(event); // gRPC's negotiation waits until the protocol is known
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(message);
            return;
        }
        if (received == null) {
            received = bytes;
        } else {
            ByteBuf both = ctx.alloc().buffer(received.readableBytes() + bytes.readableBytes());
            both.writeBytes(received).writeBytes(bytes);
            received.release();
            bytes.release();
            received = both;
        }
        switch (classify(received)) {
            case GRPC -> toGrpc(ctx);
            case HTTP1 -> toHttp(ctx);
            case UNDECIDED -> {
                if (!ctx.channel().config().isAutoRead()) {
                    ctx.read();
                }
            }
        }
    }

    private void toGrpc(ChannelHandlerContext ctx) {
        for (Object event : heldEvents) {
            ctx.fireUserEventTriggered(event);
        }
        heldEvents.clear();
        ByteBuf bytes = received;
        received = null;
        ctx.fireChannelRead(bytes);
        ctx.pipeline().remove(this);
    }

    private void toHttp(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(grpcNegotiation);
        heldEvents.forEach(ReferenceCountUtil::release);
        heldEvents.clear();
        // gRPC buffers the transport's writes until negotiation ends; it never will, so let them through to the
        // HTTP side, which turns gRPC's close commands into closing the connection
        InternalWriteBufferingAndExceptionHandlerUtils.writeBufferingAndRemove(ctx.channel());
        String name = ctx.name();
        pipeline.addAfter(name, "cairn-http-codec", new HttpServerCodec());
        pipeline.addAfter("cairn-http-codec", "cairn-http-aggregator", new HttpObjectAggregator(64 * 1024));
        pipeline.addAfter("cairn-http-aggregator", "cairn-http-endpoints", new ObserveHttpHandler(endpoints, executor));
        pipeline.addAfter("cairn-http-endpoints", "cairn-grpc-commands", new GrpcCommandSink());
        ByteBuf bytes = received;
        received = null;
        ctx.fireChannelRead(bytes);
        pipeline.remove(this);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (received != null) {
            received.release();
            received = null;
        }
    }

    static Protocol classify(ByteBuf bytes) {
        int readable = bytes.readableBytes();
        int start = bytes.readerIndex();
        boolean possible = false;
        for (byte[] method : HTTP1_METHODS) {
            int n = Math.min(readable, method.length);
            boolean prefix = true;
            for (int i = 0; i < n && prefix; i++) {
                prefix = bytes.getByte(start + i) == method[i];
            }
            if (prefix && n == method.length) {
                return Protocol.HTTP1;
            }
            possible |= prefix;
        }
        return possible ? Protocol.UNDECIDED : Protocol.GRPC;
    }

    private static byte[][] methods(String... methods) {
        byte[][] out = new byte[methods.length][];
        for (int i = 0; i < methods.length; i++) {
            out[i] = methods[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
