package io.cairn.kv.server.consensus;

import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * Futures completed once this member has applied the log up to an index.
 *
 * <p>Why: a member that forwarded a write to the leader answers its client only after applying the entry itself
 * (as etcd's members do), so a serializable read or a watch on the same member right after sees the write.
 */
final class AppliedWaiters {
    private record Waiter(long index, CompletableFuture<Void> future) {
    }

    private final PriorityQueue<Waiter> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.index, b.index));
    private final java.util.concurrent.Executor executor;
    private long applied;

    /** @param executor completes the futures (never the apply thread itself) */
    AppliedWaiters(java.util.concurrent.Executor executor) {
        this.executor = executor;
    }

    /** Completes once the entry at {@code index} is applied here. */
    synchronized CompletableFuture<Void> await(long index) {
        if (index <= applied) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        waiting.add(new Waiter(index, f));
        return f;
    }

    /** The state machine applied everything up to {@code index}. */
    void applied(long index) {
        java.util.List<CompletableFuture<Void>> done = null;
        synchronized (this) {
            if (index <= applied) {
                return;
            }
            applied = index;
            while (!waiting.isEmpty() && waiting.peek().index <= index) {
                if (done == null) {
                    done = new java.util.ArrayList<>();
                }
                done.add(waiting.poll().future);
            }
        }
        if (done != null) {
            java.util.List<CompletableFuture<Void>> ready = done;
            executor.execute(() -> ready.forEach(f -> f.complete(null)));
        }
    }
}
