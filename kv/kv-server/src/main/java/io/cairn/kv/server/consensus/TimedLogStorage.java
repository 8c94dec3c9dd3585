package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;
import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import java.util.List;

/**
 * JRaft's RocksDB log storage, timing each append of a batch of entries.
 *
 * <p>Why: with {@code sync} on, an append returns once the entries are written and fsynced, so its duration is the
 * closest Cairn can see to etcd's WAL fsync time (JRaft does not expose the fsync alone). The timing is reported
 * as {@code etcd_disk_wal_fsync_duration_seconds}; docs/observability.md says what it includes.
 */
final class TimedLogStorage extends RocksDBLogStorage {

    private final RaftCounters counters;

    TimedLogStorage(String path, RaftOptions options, RaftCounters counters) {
        super(path, options);
        this.counters = counters;
    }

    /** JRaft's default services, with this log storage. */
    static JRaftServiceFactory serviceFactory(RaftCounters counters) {
        LogStorageOptions.register();
        return new DefaultJRaftServiceFactory() {
            @Override
            public LogStorage createLogStorage(String uri, RaftOptions options) {
                return new TimedLogStorage(uri, options, counters);
            }
        };
    }

    @Override
    public int appendEntries(List<LogEntry> entries) {
        long started = System.nanoTime();
        try {
            return super.appendEntries(entries);
        } finally {
            counters.logAppended(System.nanoTime() - started);
        }
    }
}
