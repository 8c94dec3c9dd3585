package io.cairn.kv.server.concurrency;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.ResponseHeader;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.Context;
import io.grpc.Status;
import java.util.Optional;

/**
 * Waiting for one's turn: until every key created before one's own under a prefix is gone.
 *
 * <p>Why: this is the fair queue under both recipes. Each contender waits only for the key just ahead of it (the
 * youngest one older than its own), so a release wakes one waiter instead of all of them; when that key goes the
 * contender looks again, because an older key may still be there.
 */
final class Predecessors {

    private final Loopback etcd;

    Predecessors(Loopback etcd) {
        this.etcd = etcd;
    }

    /**
     * Returns once no key under {@code prefix} has a create revision at or below {@code maxCreateRevision}.
     *
     * @return the header of the range that found none
     * @throws io.grpc.StatusRuntimeException on a failed call or watch, the caller's cancellation included
     * @throws RecipeException.LostWatcher if a watch ends without the delete and without an error
     * @throws InterruptedException if the waiting thread is interrupted
     */
    ResponseHeader awaitDeletion(ByteString prefix, long maxCreateRevision) throws InterruptedException {
        while (true) {
            RangeResponse ahead = etcd.range(Keys.lastCreatedAtOrBefore(prefix, maxCreateRevision));
            if (ahead.getKvsCount() == 0) {
                return ahead.getHeader();
            }
            awaitDelete(ahead.getKvs(0).getKey(), ahead.getHeader().getRevision());
        }
    }

    private void awaitDelete(ByteString key, long fromRevision) throws InterruptedException {
        try (WatchSubscription watch = etcd.watch(key, ByteString.EMPTY, fromRevision)) {
            while (true) {
                Optional<WatchResponse> response = watch.next();
                if (response.isEmpty()) {
                    if (Context.current().isCancelled()) {
                        throw Status.CANCELLED.withDescription("context canceled").asRuntimeException();
                    }
                    throw new RecipeException.LostWatcher();
                }
                for (Event e : response.get().getEventsList()) {
                    if (e.getType() == Event.EventType.DELETE) {
                        return;
                    }
                }
            }
        }
    }
}
