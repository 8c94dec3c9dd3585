package io.cairn.kv.server.consensus;

import com.alipay.sofa.jraft.storage.impl.RocksDBLogStorage;
import com.alipay.sofa.jraft.util.StorageOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options for JRaft's log, registered once per process before the first node opens its log.
 *
 * <p>Why: JRaft's defaults let the log's write-ahead log grow to 1 GiB (its entry and configuration column families
 * share it, and the rarely written configuration family keeps old files alive) behind 128 MiB memtables. Every start
 * reads all of it back: after a burst of large writes that was ~280 MB and a second of start time. Capping the
 * write-ahead log at 16 MiB forces the flushes that let RocksDB drop old files, and 8 MiB memtables bound the rest;
 * entries are short-lived here (a snapshot truncates them), so the extra flushes cost little. (At 64 MiB, a restart
 * after loading a million keys still spent 0.4 s reading the log's write-ahead log back, ~8 ms per MiB.)
 *
 * <p>Level-0 compaction waits for 24 files. JRaft's defaults (RocksDB's level-style optimisation) compact the log's
 * level 0 after two files, which rewrote nearly every entry once, although entries are appended in index order and
 * dropped after the next snapshot but one (JRaft keeps the previous snapshot's entries for lagging followers). With 8
 * MiB memtables and a snapshot every {@link JRaftStateMachine#SNAPSHOT_BYTES} of entries, the live log spans a
 * handful of level-0 files, so by the time 24 have gathered most of them hold only deleted entries. Under {@code
 * etcdctl check perf --load=l} the log's compactions wrote 35 MB instead of 355 MB (docs/benchmarks.md). Slowing and
 * stopping writes move up with the trigger, keeping JRaft's ratios (2× and 3× of it, as 20 and 40 were to 10).
 */
final class LogStorageOptions {
    static final long MAX_TOTAL_WAL_BYTES = 16L << 20;
    static final long WRITE_BUFFER_BYTES = 8L << 20;
    static final int LEVEL0_COMPACTION_TRIGGER = 24;

    private static boolean registered;

    private LogStorageOptions() {
    }

    /** Registers the options (idempotent). */
    static synchronized void register() {
        if (registered) {
            return;
        }
        DBOptions db = StorageOptionsFactory.getDefaultRocksDBOptions().setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES);
        ColumnFamilyOptions cf = StorageOptionsFactory.getDefaultRocksDBColumnFamilyOptions()
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setLevel0FileNumCompactionTrigger(LEVEL0_COMPACTION_TRIGGER)
                .setLevel0SlowdownWritesTrigger(2 * LEVEL0_COMPACTION_TRIGGER)
                .setLevel0StopWritesTrigger(3 * LEVEL0_COMPACTION_TRIGGER);
        StorageOptionsFactory.registerRocksDBOptions(RocksDBLogStorage.class, db);
        StorageOptionsFactory.registerRocksDBColumnFamilyOptions(RocksDBLogStorage.class, cf);
        registered = true;
    }
}
