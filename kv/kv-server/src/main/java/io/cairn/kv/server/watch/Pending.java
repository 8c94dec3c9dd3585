package io.cairn.kv.server.watch;

import io.etcd.jetcd.api.Event;
import java.util.List;

/**
 * A response waiting in a stream's queue, turned into a {@code WatchResponse} only when it is sent (so that
 * headers and {@code prev_kv}s are filled off the apply thread).
 *
 * @param watchId        the watch, or -1 for a stream-wide progress notification
 * @param revision       the header revision
 * @param events         the events (may be empty)
 * @param watcher        the watcher the events are for (for its prev_kv and fragment options), or null
 * @param created        a creation acknowledgement
 * @param canceled       a cancellation
 * @param compactRevision non-zero when the watch was canceled because its history was compacted
 * @param cancelReason   why a watch was refused or canceled, or empty
 */
record Pending(long watchId, long revision, List<Event> events, Watcher watcher, boolean created,
               boolean canceled, long compactRevision, String cancelReason) {

    static Pending events(Watcher w, long revision, List<Event> events) {
        return new Pending(w.id, revision, events, w, false, false, 0, "");
    }

    static Pending progress(long watchId, long revision) {
        return new Pending(watchId, revision, List.of(), null, false, false, 0, "");
    }
}
