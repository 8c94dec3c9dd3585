package io.cairn.bench;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --conns} gRPC connections spread round-robin over the endpoints.
 *
 * <p>Why: etcd's benchmark opens {@code --conns} connections and has client {@code i} use connection
 * {@code i % conns}; each Netty channel here is one TCP connection. Callbacks run directly on gRPC's network
 * threads (no executor hand-off per response) because the workloads' callbacks are a few counters and the next
 * request. Every connection is established before the load starts, so a wrong endpoint fails fast with its
 * address instead of counting as request errors.
 */
final class ConnectionPool implements AutoCloseable {

    private static final int MAX_INBOUND_BYTES = 256 << 20;

    private final List<ManagedChannel> channels;
    private final List<Endpoint> endpoints;
    private final EventLoopGroup eventLoops;

    private ConnectionPool(List<ManagedChannel> channels, List<Endpoint> endpoints, EventLoopGroup eventLoops) {
        this.channels = List.copyOf(channels);
        this.endpoints = List.copyOf(endpoints);
        this.eventLoops = eventLoops;
    }

    /**
     * Opens {@code conns} connections to the endpoints (connection {@code i} to endpoint {@code i % endpoints})
     * and waits until each is ready; throws {@link IllegalStateException} naming the endpoint that is not.
     */
    static ConnectionPool open(List<Endpoint> endpoints, int conns, int ioThreads, Duration dialTimeout)
            throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("bench-io", true);
        EventLoopGroup eventLoops = epoll ? new EpollEventLoopGroup(ioThreads, threads)
                : new NioEventLoopGroup(ioThreads, threads);
        List<ManagedChannel> channels = new ArrayList<>();
        List<Endpoint> targets = new ArrayList<>();
        for (int i = 0; i < conns; i++) {
            Endpoint e = endpoints.get(i % endpoints.size());
            channels.add(NettyChannelBuilder.forAddress(e.host(), e.port())
                    .eventLoopGroup(eventLoops)
                    .channelType(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .usePlaintext()
                    .directExecutor()
                    .disableRetry()
                    .maxInboundMessageSize(MAX_INBOUND_BYTES)
                    .build());
            targets.add(e);
        }
        ConnectionPool pool = new ConnectionPool(channels, targets, eventLoops);
        try {
            long deadline = System.nanoTime() + dialTimeout.toNanos();
            for (int i = 0; i < channels.size(); i++) {
                if (!awaitReady(channels.get(i), deadline)) {
                    throw new IllegalStateException("cannot connect to " + targets.get(i) + " within "
                            + dialTimeout.toMillis() + " ms");
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Connection {@code i % size()}. */
    ManagedChannel channel(int i) {
        return channels.get(Math.floorMod(i, channels.size()));
    }

    /** The endpoint of connection {@code i % size()}. */
    Endpoint endpoint(int i) {
        return endpoints.get(Math.floorMod(i, endpoints.size()));
    }

    /** The number of connections. */
    int size() {
        return channels.size();
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel channel : channels) {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            eventLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        }
    }

    private static boolean awaitReady(ManagedChannel channel, long deadline) throws InterruptedException {
        while (true) {
            ConnectivityState state = channel.getState(true);
            if (state == ConnectivityState.READY) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            changed.await(left, TimeUnit.NANOSECONDS);
        }
    }
}
