package io.cairn.kv.server;

import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.backend.Table;
import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.consensus.RaftCounters;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.watch.WatchHub;
import io.cairn.observe.metrics.Buckets;
import io.cairn.observe.metrics.Histogram;
import io.cairn.observe.metrics.Metrics;

/**
 * A member's levels and Raft facts under etcd's metric names, plus Cairn's own {@code cairn_raft_*} and
 * {@code cairn_rocksdb_*} figures.
 *
 * <p>Why: every fact here is a level the member already keeps (leader, indexes, sizes, watcher counts), so each is
 * a gauge read when Prometheus scrapes, costing nothing between scrapes; only the Raft engine's events (leader
 * changes, failed proposals, log appends) are counted as they happen, in {@link RaftCounters}. etcd declares
 * {@code proposals_committed_total} and {@code proposals_applied_total} as gauges holding the Raft indexes, and so
 * does this.
 */
final class StoreMetrics {

    private StoreMetrics() {
    }

    static void register(Metrics metrics, MvccStore store, Consensus consensus, WatchHub watches, long quotaBytes,
                         java.util.function.BooleanSupplier learner) {
        registerServer(metrics, store, consensus, quotaBytes, learner);
        registerStore(metrics, store, watches);
        registerCairn(metrics, store.backend(), consensus, store);
    }

    private static void registerServer(Metrics metrics, MvccStore store, Consensus consensus, long quotaBytes,
                                       java.util.function.BooleanSupplier learner) {
        RaftCounters raft = consensus.counters();
        metrics.observedGauge("etcd_server_has_leader", "Whether or not a leader exists. 1 is existence, 0 is not.",
                () -> consensus.hasLeader() ? 1 : 0);
        metrics.observedGauge("etcd_server_is_leader", "Whether or not this member is a leader. 1 if is, 0 otherwise.",
                () -> consensus.isLeader() ? 1 : 0);
        metrics.observedGauge("etcd_server_is_learner",
                "Whether or not this member is a learner. 1 if is, 0 otherwise.", () -> learner.getAsBoolean() ? 1 : 0);
        metrics.observedCounter("etcd_server_leader_changes_seen_total", "The number of leader changes seen.",
                raft::leaderChanges);
        metrics.observedGauge("etcd_server_proposals_committed_total",
                "The total number of consensus proposals committed.", consensus::commitIndex);
        metrics.observedGauge("etcd_server_proposals_applied_total",
                "The total number of consensus proposals applied.", store::consistentIndex);
        metrics.observedGauge("etcd_server_proposals_pending", "The current number of pending proposals to commit.",
                raft::pendingProposals);
        metrics.observedCounter("etcd_server_proposals_failed_total", "The total number of failed proposals seen.",
                raft::failedProposals);
        metrics.gauge("etcd_server_quota_backend_bytes", "Current backend storage quota size in bytes.")
                .set(quotaBytes);
        Histogram fsync = metrics.histogram("etcd_disk_wal_fsync_duration_seconds",
                "The latency distributions of fsync called by WAL.", Buckets.exponential(0.001, 2, 14));
        raft.onLogAppend(fsync::observeNanos);
    }

    private static void registerStore(Metrics metrics, MvccStore store, WatchHub watches) {
        Backend backend = store.backend();
        metrics.observedGauge("etcd_mvcc_db_total_size_in_bytes",
                "Total size of the underlying database physically allocated in bytes.", backend::sizeBytes);
        metrics.observedGauge("etcd_mvcc_db_total_size_in_use_in_bytes",
                "Total size of the underlying database logically in use in bytes.", backend::liveDataBytes);
        metrics.observedGauge("etcd_debugging_mvcc_keys_total", "Total number of keys.",
                () -> backend.estimatedKeys(Table.LATEST));
        metrics.observedGauge("etcd_debugging_mvcc_watcher_total", "Total number of watchers.",
                watches::watcherCount);
        metrics.observedGauge("etcd_debugging_mvcc_slow_watcher_total", "Total number of unsynced slow watchers.",
                watches::slowWatcherCount);
        metrics.observedGauge("etcd_debugging_mvcc_current_revision", "The current revision of store.",
                store::currentRevision);
        metrics.observedGauge("etcd_debugging_mvcc_compact_revision", "The revision of the last compaction in store.",
                () -> Math.max(0, store.compactRevision()));
    }

    private static void registerCairn(Metrics metrics, Backend backend, Consensus consensus, MvccStore store) {
        metrics.observedGauge("cairn_raft_term", "The Raft term this member knows.", consensus::term);
        metrics.observedGauge("cairn_raft_committed_index", "The index of the last Raft log entry known committed.",
                consensus::commitIndex);
        metrics.observedGauge("cairn_raft_applied_index",
                "The index of the last Raft log entry applied to the store.", store::consistentIndex);
        metrics.observedGauge("cairn_rocksdb_pending_compaction_bytes",
                "Bytes RocksDB estimates its compactions still have to rewrite, over all tables.",
                () -> backend.stats().pendingCompactionBytes());
        metrics.observedGauge("cairn_rocksdb_running_compactions", "RocksDB compactions running now.",
                () -> backend.stats().runningCompactions());
        metrics.observedGauge("cairn_rocksdb_running_flushes", "RocksDB memtable flushes running now.",
                () -> backend.stats().runningFlushes());
        metrics.observedGauge("cairn_rocksdb_memtable_bytes",
                "Bytes in RocksDB memtables (written, not yet in table files), over all tables.",
                () -> backend.stats().memtableBytes());
        metrics.observedGauge("cairn_rocksdb_block_cache_usage_bytes", "Bytes in the RocksDB block cache.",
                () -> backend.stats().blockCacheBytes());
        metrics.observedGauge("cairn_rocksdb_block_cache_capacity_bytes", "Capacity of the RocksDB block cache.",
                () -> backend.stats().blockCacheCapacity());
        metrics.observedGauge("cairn_rocksdb_live_table_files", "RocksDB table files in use.",
                () -> backend.stats().liveTableFiles());
    }
}
