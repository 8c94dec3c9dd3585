package io.cairn.kv.server.watch;

import io.cairn.kv.server.mvcc.KeyRange;
import io.etcd.jetcd.api.Event;

/**
 * One watch: its key range, filters and options, and the next revision it has not yet been sent.
 *
 * <p>{@code nextRev} and {@code synced} are only read and written under the hub's lock.
 */
final class Watcher {
    final WatchStream stream;
    final long id;
    final KeyRange range;
    final boolean noPut;
    final boolean noDelete;
    final boolean prevKv;
    final boolean progressNotify;
    final boolean fragment;
    long nextRev;
    boolean synced;
    boolean canceled;
    /** Set when events were sent since the last periodic progress notification. */
    boolean sentSinceProgress;

    Watcher(WatchStream stream, long id, KeyRange range, boolean noPut, boolean noDelete, boolean prevKv,
            boolean progressNotify, boolean fragment, long nextRev) {
        this.stream = stream;
        this.id = id;
        this.range = range;
        this.noPut = noPut;
        this.noDelete = noDelete;
        this.prevKv = prevKv;
        this.progressNotify = progressNotify;
        this.fragment = fragment;
        this.nextRev = nextRev;
    }

    /** True when the event is in range, at or after {@code nextRev} and not filtered out. */
    boolean wants(Event e) {
        if (e.getKv().getModRevision() < nextRev) {
            return false;
        }
        if (e.getType() == Event.EventType.PUT ? noPut : noDelete) {
            return false;
        }
        return range.contains(e.getKv().getKey());
    }
}
