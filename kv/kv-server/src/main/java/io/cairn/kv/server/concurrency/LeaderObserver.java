package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaderResponse;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.StatusRuntimeException;
import java.util.Optional;

/**
 * Follows an election: every leader in turn, and every value each one proclaims.
 *
 * <p>Why: this is etcd's {@code Election.Observe}. It reports the current leader (or waits for the first candidate),
 * then each new value of that leader's key until the key is deleted, then looks for the next leader. It promises the
 * latest value of each leader, not every intermediate one. Like etcd, it ends quietly (the stream completes) when a
 * read or watch fails, and the client is expected to observe again.
 */
final class LeaderObserver {

    /** Where observations go; returns false once nobody listens any more. */
    @FunctionalInterface
    interface Sink {
        boolean accept(LeaderResponse observation) throws InterruptedException;
    }

    private final Loopback etcd;

    LeaderObserver(Loopback etcd) {
        this.etcd = etcd;
    }

    /**
     * Reports leaders of {@code name} to {@code sink} until the sink stops listening or a read or watch fails.
     *
     * @throws InterruptedException if the observing thread is interrupted
     */
    void observe(ByteString name, Sink sink) throws InterruptedException {
        ByteString prefix = Keys.prefix(name);
        try {
            while (true) {
                Optional<LeaderResponse> leader = currentOrNextLeader(prefix);
                if (leader.isEmpty() || !sink.accept(leader.get())) {
                    return;
                }
                if (!followUntilDeleted(leader.get(), sink)) {
                    return;
                }
            }
        } catch (StatusRuntimeException | RecipeException e) {
            // etcd's observer closes its channel on any error; the stream then ends without one.
        }
    }

    /** The leader now, or the first candidate to appear; empty if the watch for it ends. */
    private Optional<LeaderResponse> currentOrNextLeader(ByteString prefix) throws InterruptedException {
        RangeResponse first = etcd.range(Keys.firstCreated(prefix));
        if (first.getKvsCount() > 0) {
            return Optional.of(LeaderResponse.newBuilder().setHeader(first.getHeader()).setKv(first.getKvs(0)).build());
        }
        long from = first.getHeader().getRevision();
        try (WatchSubscription watch = etcd.watch(prefix, Keys.prefixEnd(prefix), from)) {
            while (true) {
                Optional<WatchResponse> response = watch.next();
                if (response.isEmpty()) {
                    return Optional.empty();
                }
                for (Event e : response.get().getEventsList()) {
                    if (e.getType() == Event.EventType.PUT) {
                        KeyValue kv = e.getKv();
                        // A response may carry several revisions; report this put's own.
                        ResponseHeader header = response.get().getHeader().toBuilder()
                                .setRevision(kv.getModRevision()).build();
                        return Optional.of(LeaderResponse.newBuilder().setHeader(header).setKv(kv).build());
                    }
                }
            }
        }
    }

    /** Reports each new value of the leader's key; true once the key is deleted, false if observing must stop. */
    private boolean followUntilDeleted(LeaderResponse leader, Sink sink) throws InterruptedException {
        long from = leader.getHeader().getRevision() + 1;
        try (WatchSubscription watch = etcd.watch(leader.getKv().getKey(), ByteString.EMPTY, from)) {
            while (true) {
                Optional<WatchResponse> response = watch.next();
                if (response.isEmpty()) {
                    return false;
                }
                for (Event e : response.get().getEventsList()) {
                    if (e.getType() == Event.EventType.DELETE) {
                        return true;
                    }
                    LeaderResponse update = LeaderResponse.newBuilder()
                            .setHeader(response.get().getHeader()).setKv(e.getKv()).build();
                    if (!sink.accept(update)) {
                        return false;
                    }
                }
            }
        }
    }
}
