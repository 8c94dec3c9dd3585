package io.cairn.kv.server.rpc;

import io.cairn.observe.http.EndpointRequest;
import io.cairn.observe.http.EndpointResponse;
import io.cairn.observe.http.ObserveEndpoints;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderValues;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpMethod;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the HTTP/1.x requests of one client-port connection with the observe endpoints, in order.
 *
 * <p>Each request runs on the executor (a health check may wait for a read through Raft), one after the other, so
 * pipelined requests are answered in the order they came.
 */
final class ObserveHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ObserveHttpHandler.class);

    private final ObserveEndpoints endpoints;
    private final Executor executor;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

    ObserveHttpHandler(ObserveEndpoints endpoints, Executor executor) {
        this.endpoints = endpoints;
        this.executor = executor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.BAD_REQUEST,
                    Unpooled.copiedBuffer("400 Bad Request", StandardCharsets.UTF_8)), false);
            return;
        }
        EndpointRequest parsed = EndpointRequest.parse(request.method().name(), request.uri(),
                request.headers().get(HttpHeaderNames.ACCEPT, ""));
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        boolean head = request.method().equals(HttpMethod.HEAD);
        HttpVersion version = request.protocolVersion();
        previous = previous.thenRunAsync(() -> respond(ctx, answer(parsed, version, head), keepAlive), executor);
    }

    private FullHttpResponse answer(EndpointRequest request, HttpVersion version, boolean head) {
        try {
            EndpointResponse answer = endpoints.handle(request);
            FullHttpResponse response = new DefaultFullHttpResponse(version,
                    HttpResponseStatus.valueOf(answer.status()),
                    head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            answer.headers().forEach((name, value) -> response.headers().set(name, value));
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.length());
            return response;
        } catch (RuntimeException e) {
            LOG.warn("{} {} failed", request.method(), request.path(), e);
            return new DefaultFullHttpResponse(version, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    Unpooled.copiedBuffer("500 Internal Server Error", StandardCharsets.UTF_8));
        }
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!response.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection on the client port failed", cause);
        ctx.close();
    }
}
