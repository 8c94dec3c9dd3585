package io.cairn.kv.server.mvcc;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Batch;
import io.cairn.kv.server.backend.Cursor;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.schema.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Physically removes history below a compaction revision, in the background and in small batches.
 *
 * <p>Why: etcd's compaction is scheduled by an applied entry but done later, so that it never stalls writes.
 * For every version written in (previous compaction, new compaction], the newest version of its key at the
 * new compaction revision is kept (unless it is a tombstone) and every older version of that key is removed.
 * Keys untouched since the previous compaction already hold a single version. Progress is stored with each
 * batch, so a compaction interrupted by a crash resumes where it stopped.
 */
final class Compactor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    private static final int BATCH_OPS = 1000;

    private final Backend backend;
    private final Executor executor;
    private final java.util.function.Consumer<Runnable> exclusive;
    private final Object lock = new Object();
    private final List<Waiter> waiters = new ArrayList<>();
    private long finished;
    private long target;
    private boolean running;
    private volatile boolean closed;

    private record Waiter(long rev, CompletableFuture<Void> future) {
    }

    /**
     * @param exclusive runs a commit while no apply commits and no read is in flight (see {@link MvccStore})
     */
    Compactor(Backend backend, Executor executor, long finished, java.util.function.Consumer<Runnable> exclusive) {
        this.exclusive = exclusive;
        this.backend = backend;
        this.executor = executor;
        this.finished = finished;
        this.target = finished;
    }

    /** The database was replaced: its own record of finished compaction holds. */
    void reset(long newFinished) {
        synchronized (lock) {
            finished = newFinished;
            target = Math.max(target, newFinished);
        }
    }

    void schedule(long rev) {
        synchronized (lock) {
            if (rev <= target) {
                return;
            }
            target = rev;
            if (!running) {
                running = true;
                executor.execute(this::run);
            }
        }
    }

    CompletableFuture<Void> done(long rev) {
        synchronized (lock) {
            if (finished >= rev) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waiters.add(new Waiter(rev, f));
            return f;
        }
    }

    private void run() {
        while (!closed) {
            long from;
            long to;
            synchronized (lock) {
                if (finished >= target) {
                    running = false;
                    return;
                }
                from = finished;
                to = target;
            }
            try {
                long start = System.nanoTime();
                compact(from, to);
                LOG.info("finished scheduled compaction at {} (took {} ms)", to, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.error("compaction to {} failed; it will resume at the next start", to, e);
                synchronized (lock) {
                    running = false;
                }
                return;
            }
            synchronized (lock) {
                finished = to;
                for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                    Waiter w = it.next();
                    if (w.rev() <= finished) {
                        w.future().complete(null);
                        it.remove();
                    }
                }
            }
        }
    }

    /** Removes versions made obsolete by compacting at {@code to}, scanning revisions in ({@code from}, {@code to}]. */
    /** A latest-table tombstone to drop if it is still the key's newest entry at commit time. */
    private record Gone(byte[] key, long deletedAt) {
    }

    private void commit(Batch batch, List<Gone> gone) {
        exclusive.accept(() -> {
            for (Gone g : gone) {
                byte[] latest = backend.get(Table.LATEST, g.key()).orElse(null);
                if (latest != null && latest[0] == Schema.TOMBSTONE
                        && Schema.latestModRevision(latest) == g.deletedAt()) {
                    batch.delete(Table.LATEST, g.key());
                }
            }
            batch.commit();
        });
        gone.clear();
    }

    private void compact(long from, long to) {
        List<Gone> gone = new ArrayList<>();
        Batch batch = backend.batch();
        try (Cursor revs = backend.cursor(Table.REVISION, Schema.revisionKey(to + 1, 0));
             Cursor index = backend.cursor(Table.INDEX)) {
            revs.seek(Schema.revisionKey(from + 1, 0));
            long lastMain = from;
            while (revs.valid() && !closed) {
                long main = Schema.revisionMain(revs.key());
                if (main != lastMain && batch.size() >= BATCH_OPS) {
                    // every version at or below lastMain has been handled
                    batch.put(Table.META, Schema.META_FINISHED_COMPACT_REV, Schema.longValue(lastMain));
                    commit(batch, gone);
                    batch.close();
                    batch = backend.batch();
                }
                lastMain = main;
                removeObsolete(index, revs.value(), to, batch, gone);
                revs.next();
            }
            if (closed) {
                return;
            }
            batch.put(Table.META, Schema.META_FINISHED_COMPACT_REV, Schema.longValue(to));
            commit(batch, gone);
        } finally {
            batch.close();
        }
    }

    /** Deletes every version of {@code userKey} older than its newest version at {@code to}, and that one if a tombstone. */
    private static void removeObsolete(Cursor index, byte[] userKey, long to, Batch batch, List<Gone> gone) {
        byte[] escaped = Schema.escapeKey(userKey);
        index.seek(Schema.indexSeekKeyFromEscaped(escaped, to));
        boolean keeper = true;
        while (index.valid()) {
            byte[] ik = index.key();
            if (!Schema.indexKeyHasEscapedPrefix(ik, escaped)) {
                break;
            }
            boolean tombstone = index.value()[0] == Schema.TOMBSTONE;
            if (!keeper || tombstone) {
                batch.delete(Table.INDEX, ik);
                batch.delete(Table.REVISION, Schema.revisionKey(Schema.indexMain(ik), Schema.indexSub(ik)));
            }
            if (keeper && tombstone) {
                // the key is gone at every readable revision: its tombstone leaves the latest table too,
                // unless the key is created again before the batch commits
                gone.add(new Gone(userKey, Schema.indexMain(ik)));
            }
            keeper = false;
            index.next();
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            for (Waiter w : waiters) {
                w.future().cancel(false);
            }
            waiters.clear();
        }
    }
}
