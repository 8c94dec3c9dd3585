package io.cairn.kv.tests.linearizability;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * An invoked operation waiting for its outcome; complete it exactly once, from any thread.
 *
 * <p>Use {@link #failed} only when the store definitely did not apply the request (rejected before proposal: an
 * invalid argument, a permission error). A timeout, a closed connection, {@code leader changed}, {@code no leader}
 * after the request may have been proposed, or any error you are unsure of, is {@link #unknown}: wrongly calling it
 * failed can make a correct store look broken, while wrongly calling it unknown only weakens the check.
 */
public final class Pending {

    private final int id;
    private final int client;
    private final Request request;
    private final long invokedAt;
    private final LongSupplier clock;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();

    Pending(int id, int client, Request request, long invokedAt, LongSupplier clock) {
        this.id = id;
        this.client = client;
        this.request = request;
        this.invokedAt = invokedAt;
        this.clock = clock;
    }

    /** The operation's id in the history. */
    public int id() {
        return id;
    }

    /** The request invoked. */
    public Request request() {
        return request;
    }

    /** The request succeeded with {@code response}. */
    public void ok(Response response) {
        complete(new Outcome.Ok(clock.getAsLong(), response));
    }

    /** A put succeeded; {@code revision} is the response header's revision. */
    public void okPut(long revision) {
        require(Request.Put.class);
        ok(Response.put(revision));
    }

    /** A put with {@code prev_kv} succeeded; {@code prev} is empty when the key did not exist. */
    public void okPut(long revision, Optional<KeyValue> prev) {
        require(Request.Put.class);
        ok(Response.put(revision, prev));
    }

    /** A get found the key with these fields. */
    public void okGet(long revision, byte[] value, long createRevision, long modRevision, long version) {
        require(Request.Get.class);
        ok(Response.get(revision, value, createRevision, modRevision, version));
    }

    /** A get found no key. */
    public void okGetAbsent(long revision) {
        require(Request.Get.class);
        ok(Response.absent(revision));
    }

    /** A delete succeeded and deleted {@code deleted} keys. */
    public void okDelete(long revision, long deleted) {
        require(Request.Delete.class);
        ok(Response.delete(revision, deleted));
    }

    /** A txn succeeded (ran a branch); {@code results} are the branch's results in order. */
    public void okTxn(long revision, boolean succeeded, List<Result> results) {
        require(Request.Txn.class);
        ok(Response.txn(revision, succeeded, results));
    }

    /** The store definitely did not apply the request. */
    public void failed(String reason) {
        complete(new Outcome.Failed(clock.getAsLong(), reason));
    }

    /** The request may or may not have been applied. */
    public void unknown(String reason) {
        complete(new Outcome.Unknown(reason));
    }

    private void require(Class<? extends Request> type) {
        if (!type.isInstance(request)) {
            throw new IllegalArgumentException("operation " + id + " is " + request + ", not a "
                    + type.getSimpleName());
        }
    }

    private void complete(Outcome result) {
        if (!outcome.compareAndSet(null, result)) {
            throw new IllegalStateException("operation " + id + " already completed: " + outcome.get());
        }
    }

    Operation toOperation() {
        Outcome result = outcome.get();
        return new Operation(id, client, request, invokedAt,
                result == null ? new Outcome.Unknown("in flight when the history was taken") : result);
    }
}
