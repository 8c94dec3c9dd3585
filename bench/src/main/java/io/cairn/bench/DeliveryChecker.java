package io.cairn.bench;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Checks that every watcher sees every acknowledged put to its key exactly once, in revision order, at the
 * revision the put was acknowledged with.
 *
 * <p>Why: throughput means nothing if events are lost, repeated or reordered, which are the watch bugs that hurt
 * Kubernetes most. Layout: {@code watchers} watchers on {@code keys} keys (watcher {@code w} on key
 * {@code w % keys}); put {@code seq} writes key {@code seq % keys}. Each watcher keeps a bit per put to its key and
 * its last revision; each put keeps the revision it was acknowledged with and the revision watchers saw it at.
 *
 * <p>Threads: {@link #acknowledged} may be called from any thread; {@link #delivered} for a given watcher must
 * always come from one thread at a time (the watcher's stream delivers its events in order); {@link #tally} once,
 * after every delivery has happened-before it.
 */
final class DeliveryChecker {

    private final int keys;
    private final int puts;
    private final Watcher[] watchers;
    private final AtomicLongArray ackRevision;
    private final AtomicLongArray seenRevision;

    DeliveryChecker(int watchers, int keys, int puts) {
        if (watchers < 1 || keys < 1 || puts < 0) {
            throw new IllegalArgumentException("need at least one watcher and one key");
        }
        this.keys = keys;
        this.puts = puts;
        this.watchers = new Watcher[watchers];
        int perKey = (puts + keys - 1) / keys;
        for (int w = 0; w < watchers; w++) {
            this.watchers[w] = new Watcher(perKey);
        }
        this.ackRevision = new AtomicLongArray(puts);
        this.seenRevision = new AtomicLongArray(puts);
    }

    /** The key number of put {@code seq}. */
    int keyOfPut(long seq) {
        return (int) (seq % keys);
    }

    /** The key number watcher {@code watcher} watches. */
    int keyOfWatcher(int watcher) {
        return watcher % keys;
    }

    /** Put {@code seq} was acknowledged at {@code revision}. */
    void acknowledged(long seq, long revision) {
        ackRevision.set((int) seq, revision);
    }

    /** Watcher {@code watcher} received the event of put {@code seq} at {@code revision}. */
    void delivered(int watcher, long seq, long revision) {
        Watcher w = watchers[watcher];
        if (seq < 0 || seq >= puts || keyOfPut(seq) != keyOfWatcher(watcher)) {
            w.unexpected++;
            return;
        }
        int bit = (int) (seq / keys);
        if (w.seen.get(bit)) {
            w.duplicate++;
        } else {
            w.seen.set(bit);
        }
        if (revision <= w.lastRevision) {
            w.outOfOrder++;
        }
        w.lastRevision = Math.max(w.lastRevision, revision);
        int i = (int) seq;
        long first = seenRevision.get(i);
        if (first == 0 && !seenRevision.compareAndSet(i, 0, revision)) {
            first = seenRevision.get(i);
        }
        if (first != 0 && first != revision) {
            w.revisionMismatch++;
        }
    }

    /** Events the watchers should receive for the puts acknowledged so far. */
    long expectedEvents() {
        long[] perKey = new long[keys];
        for (int w = 0; w < watchers.length; w++) {
            perKey[keyOfWatcher(w)]++;
        }
        long expected = 0;
        for (int seq = 0; seq < puts; seq++) {
            if (ackRevision.get(seq) != 0) {
                expected += perKey[keyOfPut(seq)];
            }
        }
        return expected;
    }

    /** The outcome; call once every delivery is over. */
    Tally tally() {
        BitSet[] acked = new BitSet[keys];
        for (int k = 0; k < keys; k++) {
            acked[k] = new BitSet();
        }
        long mismatch = 0;
        for (int seq = 0; seq < puts; seq++) {
            long ack = ackRevision.get(seq);
            if (ack != 0) {
                acked[keyOfPut(seq)].set(seq / keys);
                long seen = seenRevision.get(seq);
                if (seen != 0 && seen != ack) {
                    mismatch++;
                }
            }
        }
        long missing = 0;
        long unacknowledged = 0;
        long duplicate = 0;
        long outOfOrder = 0;
        long unexpected = 0;
        for (int w = 0; w < watchers.length; w++) {
            Watcher watcher = watchers[w];
            BitSet notSeen = (BitSet) acked[keyOfWatcher(w)].clone();
            notSeen.andNot(watcher.seen);
            missing += notSeen.cardinality();
            BitSet notAcked = (BitSet) watcher.seen.clone();
            notAcked.andNot(acked[keyOfWatcher(w)]);
            unacknowledged += notAcked.cardinality();
            duplicate += watcher.duplicate;
            outOfOrder += watcher.outOfOrder;
            unexpected += watcher.unexpected;
            mismatch += watcher.revisionMismatch;
        }
        return new Tally(missing, duplicate, outOfOrder, mismatch, unexpected, unacknowledged);
    }

    /**
     * What the check found.
     *
     * @param missing          acknowledged puts a watcher of their key never saw
     * @param duplicate        events a watcher saw more than once
     * @param outOfOrder       events whose revision was not above the watcher's previous event
     * @param revisionMismatch events seen at a revision other than the put's acknowledged one, or seen at
     *                         different revisions by different watchers
     * @param unexpected       events that are not a put of this run to the watcher's key
     * @param unacknowledged   events of puts whose request failed (the put may still have been applied; not a
     *                         failure)
     */
    record Tally(long missing, long duplicate, long outOfOrder, long revisionMismatch, long unexpected,
            long unacknowledged) {

        /** Whether nothing went wrong. */
        boolean clean() {
            return missing == 0 && duplicate == 0 && outOfOrder == 0 && revisionMismatch == 0 && unexpected == 0;
        }
    }

    /** One watcher's state, touched only by its stream's thread. */
    private static final class Watcher {
        final BitSet seen;
        long lastRevision;
        long duplicate;
        long outOfOrder;
        long unexpected;
        long revisionMismatch;

        Watcher(int perKey) {
            this.seen = new BitSet(perKey);
        }
    }
}
