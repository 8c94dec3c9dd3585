package io.cairn.kv.server.mvcc;

import io.cairn.observe.metrics.Buckets;
import io.cairn.observe.metrics.Counter;
import io.cairn.observe.metrics.Histogram;
import io.cairn.observe.metrics.Metrics;

/**
 * The keyspace's operation counters and commit latency, under etcd's names: {@code etcd_mvcc_put_total},
 * {@code _range_total}, {@code _delete_total}, {@code _txn_total} and {@code etcd_disk_backend_commit_duration_seconds}.
 *
 * <p>Why: dashboards written for etcd plot these; they count what the store does, as etcd's mvcc layer counts
 * them: one per put, range or delete-range operation (also inside a txn), and one txn per transaction holding more
 * than one operation. Handles are bound once; recording allocates nothing.
 */
public final class MvccMetrics {

    private final Counter puts;
    private final Counter ranges;
    private final Counter deletes;
    private final Counter txns;
    private final Histogram commit;

    private MvccMetrics(Metrics metrics) {
        puts = metrics.counter("etcd_mvcc_put_total", "Total number of puts seen by this member.");
        ranges = metrics.counter("etcd_mvcc_range_total", "Total number of ranges seen by this member.");
        deletes = metrics.counter("etcd_mvcc_delete_total", "Total number of deletes seen by this member.");
        txns = metrics.counter("etcd_mvcc_txn_total", "Total number of txns seen by this member.");
        commit = metrics.histogram("etcd_disk_backend_commit_duration_seconds",
                "The latency distributions of commit called by backend.", Buckets.exponential(0.001, 2, 14));
    }

    /** Registers the families on {@code metrics}. */
    public static MvccMetrics register(Metrics metrics) {
        return new MvccMetrics(metrics);
    }

    /** Counters on a private registry nobody scrapes, for stores opened without metrics (tests, tools). */
    public static MvccMetrics unexported() {
        return new MvccMetrics(Metrics.create());
    }

    void put() {
        puts.inc();
    }

    void range() {
        ranges.inc();
    }

    void delete() {
        deletes.inc();
    }

    /** Called when a transaction closes, with the operations it ran. */
    void ended(int operations) {
        if (operations > 1) {
            txns.inc();
        }
    }

    void committed(long nanos) {
        commit.observeNanos(nanos);
    }
}
