package io.cairn.kv.server.mvcc;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.ReadView;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.errors.KvException;
import io.cairn.kv.server.schema.Schema;
import io.etcd.jetcd.api.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * etcd's revisioned keyspace: one store-wide revision, per-key create/mod revision and version, tombstones,
 * reads at any revision since the last compaction, and compaction.
 *
 * <p>Why: this is the state machine's data; the apply loop writes it through {@link WriteTxn}s (one per Raft
 * entry, a single thread), while any number of threads read it through {@link #range}.
 *
 * <p>Reads never block writes: a read at revision R looks for the newest version at or below R of each key,
 * so versions written concurrently (above R) are invisible to it. Reads below the current revision use a
 * backend snapshot so that a concurrent compaction cannot remove what they look at.
 */
public final class MvccStore implements AutoCloseable {

    private final Backend backend;
    private final Compactor compactor;
    /** Held by apply commits, and by compaction commits so they see no apply half-way. */
    private final java.util.concurrent.locks.ReentrantLock commitLock = new java.util.concurrent.locks.ReentrantLock();
    /** Held (shared) by reads, (exclusive) by compaction commits: no version disappears under a read. */
    private final java.util.concurrent.locks.ReentrantReadWriteLock readGate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile long currentRev;
    private volatile long compactRev;
    private volatile long consistentIndex;
    private volatile CommitListener listener = NO_LISTENER;
    private final MvccMetrics metrics;
    private final LatestMeta latestMeta = new LatestMeta(LatestMeta.DEFAULT_CAPACITY);

    private static final CommitListener NO_LISTENER = new CommitListener() {
        @Override
        public boolean wantsEvents() {
            return false;
        }

        @Override
        public void committed(long revision, List<io.etcd.jetcd.api.Event> events, boolean complete) {
        }
    };

    private MvccStore(Backend backend, Executor compactionExecutor, MvccMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
        this.currentRev = meta(Schema.META_CURRENT_REV, 1);
        this.compactRev = meta(Schema.META_SCHEDULED_COMPACT_REV, -1);
        this.consistentIndex = meta(Schema.META_CONSISTENT_INDEX, 0);
        long finished = meta(Schema.META_FINISHED_COMPACT_REV, 0);
        this.compactor = new Compactor(backend, compactionExecutor, finished, this::exclusive);
        if (compactRev > finished) {
            compactor.schedule(compactRev); // resume a compaction interrupted by a restart
        }
    }

    /**
     * Opens the keyspace stored in {@code backend}; a new store starts at revision 1.
     *
     * @param compactionExecutor runs physical compaction in the background
     */
    public static MvccStore open(Backend backend, Executor compactionExecutor) {
        return open(backend, compactionExecutor, MvccMetrics.unexported());
    }

    /** Opens the keyspace as {@link #open(Backend, Executor)} does, counting its operations in {@code metrics}. */
    public static MvccStore open(Backend backend, Executor compactionExecutor, MvccMetrics metrics) {
        return new MvccStore(backend, compactionExecutor, metrics);
    }

    MvccMetrics metrics() {
        return metrics;
    }

    private long meta(byte[] key, long absent) {
        return backend.get(Table.META, key).map(Schema::longValue).orElse(absent);
    }

    private volatile java.util.function.LongPredicate leaseExists = id -> false;
    private volatile java.util.function.BooleanSupplier anyLease = () -> false;

    /** Tells the store which leases exist (puts with an unknown lease fail, as etcd's). */
    public void leases(java.util.function.LongPredicate exists, java.util.function.BooleanSupplier any) {
        this.leaseExists = exists;
        this.anyLease = any;
    }

    boolean leaseExists(long id) {
        return leaseExists.test(id);
    }

    boolean anyLease() {
        return anyLease.getAsBoolean();
    }

    /** The keys attached to a lease, in key order. */
    public List<com.google.protobuf.ByteString> leaseKeys(long leaseId) {
        List<com.google.protobuf.ByteString> keys = new ArrayList<>();
        try (var c = backend.cursor(Table.LEASE_KEYS)) {
            byte[] prefix = Schema.leasePrefix(leaseId);
            for (c.seek(prefix); c.valid(); c.next()) {
                byte[] k = c.key();
                if (!java.util.Arrays.equals(k, 0, 8, prefix, 0, 8)) {
                    break;
                }
                keys.add(com.google.protobuf.ByteString.copyFrom(k, 8, k.length - 8));
            }
        }
        return keys;
    }

    /** Sets who is told of each committed revision (the watch fan-out). */
    public void listener(CommitListener l) {
        this.listener = l;
    }

    CommitListener listener() {
        return listener;
    }

    /** Events read back from history: those of revisions up to {@code lastRevision}, in order. */
    public record History(List<io.etcd.jetcd.api.Event> events, long lastRevision) {
    }

    /**
     * The events of revisions {@code fromRev} to {@code toRev}, read from history; stops at a revision boundary
     * once at least {@code maxEvents} events were read (so one revision's events are never split).
     *
     * @throws KvException.Compacted if {@code fromRev} is below the compaction revision
     */
    public History history(long fromRev, long toRev, int maxEvents) {
        var gate = readGate.readLock();
        gate.lock();
        try {
            if (fromRev < compactRev) {
                throw new KvException.Compacted();
            }
            List<io.etcd.jetcd.api.Event> out = new ArrayList<>();
            long last = fromRev - 1;
            try (var revs = backend.cursor(Table.REVISION, Schema.revisionKey(toRev + 1, 0))) {
                for (revs.seek(Schema.revisionKey(fromRev, 0)); revs.valid(); revs.next()) {
                    byte[] rk = revs.key();
                    long main = Schema.revisionMain(rk);
                    if (main != last && out.size() >= maxEvents) {
                        return new History(out, last);
                    }
                    last = main;
                    byte[] v = backend.get(Table.INDEX, Schema.indexKey(revs.value(), main, Schema.revisionSub(rk)))
                            .orElseThrow(() -> new IllegalStateException("revision " + main + " has no version"));
                    io.etcd.jetcd.api.Event.EventType type = v[0] == Schema.LIVE
                            ? io.etcd.jetcd.api.Event.EventType.PUT : io.etcd.jetcd.api.Event.EventType.DELETE;
                    out.add(io.etcd.jetcd.api.Event.newBuilder().setType(type).setKv(IndexReader.decode(v)).build());
                }
            }
            return new History(out, toRev);
        } finally {
            gate.unlock();
        }
    }

    /** The version of {@code kv}'s key just before {@code kv} (for a watch's {@code prev_kv}), if still readable. */
    public java.util.Optional<KeyValue> previous(KeyValue kv) {
        var gate = readGate.readLock();
        gate.lock();
        try {
            long at = kv.getModRevision() - 1;
            if (at < compactRev || at < 1) {
                return java.util.Optional.empty();
            }
            return IndexReader.get(backend, kv.getKey(), at);
        } finally {
            gate.unlock();
        }
    }

    /** The latest revision of the store. */
    public long currentRevision() {
        return currentRev;
    }

    /** The revision of the last compaction ({@code -1} if never compacted). */
    public long compactRevision() {
        return compactRev;
    }

    /** The Raft index of the last entry applied to this store. */
    public long consistentIndex() {
        return consistentIndex;
    }

    /** The backend, for size reports and snapshots. */
    public Backend backend() {
        return backend;
    }

    /**
     * Reads a range at revision {@code rev} ({@code <= 0}: latest).
     *
     * @param limit     at most this many versions are returned ({@code <= 0}: all); the count covers every key
     * @param countOnly return only the count
     * @throws KvException.FutureRevision if {@code rev} is above the current revision
     * @throws KvException.Compacted      if {@code rev} is below the compaction revision
     */
    public RangeResult range(KeyRange range, long rev, long limit, boolean countOnly) {
        metrics.range();
        var gate = readGate.readLock();
        gate.lock();
        try {
            long cur = currentRev;
            if (rev > cur) {
                throw new KvException.FutureRevision();
            }
            long at = rev <= 0 ? cur : rev;
            // compaction removes versions only while no read holds the gate, so a revision readable now stays
            // readable until this read ends
            if (at < compactRev) {
                throw new KvException.Compacted();
            }
            return read(backend, range, at, cur, limit, countOnly);
        } finally {
            gate.unlock();
        }
    }

    /**
     * Replaces the whole store by a checkpoint of another member's (moved from {@code incoming}), with reads,
     * applies and compaction commits held off meanwhile; the in-memory counters are read from the new data.
     */
    public void installSnapshot(java.nio.file.Path incoming) {
        exclusive(() -> {
            backend.replaceWith(incoming);
            latestMeta.clear();
            this.currentRev = meta(Schema.META_CURRENT_REV, 1);
            this.compactRev = meta(Schema.META_SCHEDULED_COMPACT_REV, -1);
            this.consistentIndex = meta(Schema.META_CONSISTENT_INDEX, 0);
            long finished = meta(Schema.META_FINISHED_COMPACT_REV, 0);
            compactor.reset(finished);
            if (compactRev > finished) {
                compactor.schedule(compactRev);
            }
        });
    }

    /** Runs a compaction commit with apply commits and reads held off. */
    private void exclusive(Runnable commit) {
        commitLock.lock();
        var gate = readGate.writeLock();
        gate.lock();
        try {
            commit.run();
        } finally {
            gate.unlock();
            commitLock.unlock();
        }
    }

    /** Runs an apply commit (excluding compaction commits). */
    void commitApply(Runnable commit) {
        commitLock.lock();
        try {
            commit.run();
        } finally {
            commitLock.unlock();
        }
    }

    static RangeResult read(ReadView view, KeyRange range, long atRev, long reportRev, long limit,
                            boolean countOnly) {
        List<KeyValue> kvs = new ArrayList<>();
        long count = IndexReader.scan(view, range, atRev, limit, !countOnly, kvs::add);
        return new RangeResult(kvs, count, reportRev);
    }

    /**
     * Starts the write transaction of one applied Raft entry. Only the apply thread calls this, one
     * transaction at a time.
     */
    public WriteTxn beginWrite(long raftIndex) {
        return new WriteTxn(this, backend, raftIndex, currentRev);
    }

    /**
     * A transaction for a read-only Txn served outside the log: it reads at the current revision and must
     * not write or {@link WriteTxn#end()}.
     */
    public WriteTxn beginReadOnly() {
        return new WriteTxn(this, backend, -1, currentRev);
    }

    /** Recently written keys' create revision, version and lease (apply thread). */
    LatestMeta latestMeta() {
        return latestMeta;
    }

    /** Called by {@link WriteTxn#end()} once its batch is written. */
    void published(long raftIndex, long newRev, long newCompactRev) {
        this.consistentIndex = raftIndex;
        this.currentRev = newRev;
        if (newCompactRev > compactRev) {
            this.compactRev = newCompactRev;
            compactor.schedule(newCompactRev);
        }
    }

    /** Completes when history below {@code rev} has been physically removed. */
    public CompletableFuture<Void> compactionDone(long rev) {
        return compactor.done(rev);
    }

    /** Marks an entry applied that did not touch the keyspace (records its index). */
    public void markApplied(long raftIndex) {
        try (WriteTxn txn = beginWrite(raftIndex)) {
            txn.end();
        }
    }

    @Override
    public void close() {
        compactor.close();
    }
}
