package io.cairn.kv.tests.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Records a history while concurrent client threads run: each thread calls an {@code invoke…} method just before
 * sending a request and completes the returned {@link Pending} as soon as the answer (or the error) arrives.
 *
 * <p>Thread-safe. The clock is injected (monotonic nanos, e.g. {@code System::nanoTime} in a fault test, a counter
 * in a unit test); reading it before the send and after the answer keeps every recorded interval around the real
 * one, which is all linearizability needs.
 */
public final class HistoryRecorder {

    private final LongSupplier clock;
    private final long initialRevision;
    private final AtomicInteger nextId = new AtomicInteger();
    private final List<Pending> pending = new ArrayList<>();

    private HistoryRecorder(LongSupplier clock, long initialRevision) {
        this.clock = clock;
        this.initialRevision = initialRevision;
    }

    /** A recorder for a fresh store (revision 1). */
    public static HistoryRecorder create(LongSupplier nanoClock) {
        return new HistoryRecorder(nanoClock, 1);
    }

    /** A recorder for a store at {@code initialRevision} in which the keys the history touches are all absent. */
    public static HistoryRecorder create(LongSupplier nanoClock, long initialRevision) {
        return new HistoryRecorder(nanoClock, initialRevision);
    }

    /** Records the invocation of {@code request} by {@code client} now. */
    public Pending invoke(int client, Request request) {
        Pending call = new Pending(nextId.getAndIncrement(), client, request, clock.getAsLong(), clock);
        synchronized (pending) {
            pending.add(call);
        }
        return call;
    }

    /** Records a put's invocation. */
    public Pending invokePut(int client, byte[] key, byte[] value) {
        return invoke(client, Request.put(key, value));
    }

    /** Records a put's invocation. */
    public Pending invokePut(int client, String key, String value) {
        return invoke(client, Request.put(key, value));
    }

    /** Records a linearizable get's invocation. */
    public Pending invokeGet(int client, byte[] key) {
        return invoke(client, Request.get(key));
    }

    /** Records a linearizable get's invocation. */
    public Pending invokeGet(int client, String key) {
        return invoke(client, Request.get(key));
    }

    /** Records a delete's invocation. */
    public Pending invokeDelete(int client, byte[] key) {
        return invoke(client, Request.delete(key));
    }

    /** Records a delete's invocation. */
    public Pending invokeDelete(int client, String key) {
        return invoke(client, Request.delete(key));
    }

    /** Records a txn's invocation. */
    public Pending invokeTxn(int client, Request.Txn txn) {
        return invoke(client, txn);
    }

    /**
     * The history so far, in invocation order. Operations not completed yet are {@link Outcome.Unknown}, so the
     * history of a run whose clients were cut off mid-request is still checkable.
     */
    public History history() {
        List<Operation> ops = new ArrayList<>();
        synchronized (pending) {
            for (Pending call : pending) {
                ops.add(call.toOperation());
            }
        }
        return new History(initialRevision, ops);
    }
}
