package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The history as Lowe's doubly-linked list of call and return entries in time order, from which the search lifts
 * an operation (both its entries) when it linearizes it and puts it back, in place, when it backtracks.
 *
 * <p>An operation with an unknown outcome has a call entry and no return entry: it completes "at infinity", so it
 * never forces the search to place it, and it may be placed at any point after its invocation. At equal times calls
 * come before returns, which treats the two operations as concurrent: a recorded tie is not evidence of an order.
 */
final class EntryList {

    /** One end of an operation's interval. */
    static final class Entry {
        final int op;
        final long time;
        final boolean call;
        /** A call's return entry; {@code null} for a return entry and for the call of an unknown outcome. */
        final Entry match;
        Entry prev;
        Entry next;

        Entry(int op, long time, boolean call, Entry match) {
            this.op = op;
            this.time = time;
            this.call = call;
            this.match = match;
        }
    }

    final Entry head = new Entry(-1, Long.MIN_VALUE, false, null);

    /** Links the entries of operations 0..n-1; {@code completedAt[i]} is {@link Long#MAX_VALUE} for an unknown one. */
    EntryList(long[] invokedAt, long[] completedAt) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < invokedAt.length; i++) {
            Entry ret = completedAt[i] == Long.MAX_VALUE ? null : new Entry(i, completedAt[i], false, null);
            entries.add(new Entry(i, invokedAt[i], true, ret));
            if (ret != null) {
                entries.add(ret);
            }
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.time)
                .thenComparingInt(e -> e.call ? 0 : 1)
                .thenComparingInt(e -> e.op));
        Entry last = head;
        for (Entry e : entries) {
            last.next = e;
            e.prev = last;
            last = e;
        }
    }

    /** Removes a call entry and its return entry from the list. */
    static void lift(Entry call) {
        unlink(call);
        if (call.match != null) {
            unlink(call.match);
        }
    }

    /** Undoes {@link #lift}: both entries go back where they were. */
    static void unlift(Entry call) {
        if (call.match != null) {
            relink(call.match);
        }
        relink(call);
    }

    private static void unlink(Entry e) {
        e.prev.next = e.next;
        if (e.next != null) {
            e.next.prev = e.prev;
        }
    }

    private static void relink(Entry e) {
        e.prev.next = e;
        if (e.next != null) {
            e.next.prev = e;
        }
    }
}
