package io.cairn.kv.server.backend;

import io.cairn.kv.server.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/** {@link Backend} on RocksDB: one column family per {@link Table}. */
final class RocksBackend implements Backend {

    static {
        RocksDB.loadLibrary();
    }

    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache cache;
    private final List<ColumnFamilyHandle> handles;
    private final Map<Table, ColumnFamilyHandle> byTable = new EnumMap<>(Table.class);
    private final WriteOptions writeOptions;
    private final Path dir;
    private volatile Path retiredDir;

    private RocksBackend(Path dir, RocksDB db, DBOptions dbOptions, ColumnFamilyOptions cfOptions, LRUCache cache,
                         List<ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.db = db;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.cache = cache;
        this.handles = handles;
        for (Table t : Table.values()) {
            for (int i = 0; i < Schema.COLUMN_FAMILIES.size(); i++) {
                if (java.util.Arrays.equals(Schema.COLUMN_FAMILIES.get(i), t.columnFamily())) {
                    byTable.put(t, handles.get(i));
                }
            }
        }
        // The Raft log is the write-ahead log of record: the store writes without a WAL of its own, and what the
        // memtables lose in a crash is replayed from the log (see StoreStateMachine). Atomic flush keeps the
        // column families of one batch together on disk.
        this.writeOptions = new WriteOptions().setSync(false).setDisableWAL(true);
    }

    static RocksBackend open(Path dir) {
        try {
            Files.createDirectories(dir);
            DBOptions dbOptions = new DBOptions()
                    .setCreateIfMissing(true)
                    .setCreateMissingColumnFamilies(true)
                    .setAtomicFlush(true)
                    .setMaxBackgroundJobs(2)
                    .setKeepLogFileNum(3)
                    .setBytesPerSync(1 << 20);
            LRUCache cache = new LRUCache(64L << 20);
            ColumnFamilyOptions cfOptions = new ColumnFamilyOptions()
                    .setWriteBufferSize(32L << 20)
                    .setMaxWriteBufferNumber(3)
                    .setCompressionType(CompressionType.LZ4_COMPRESSION)
                    // values of 512 bytes or more live in blob files, so compaction does not rewrite them
                    .setEnableBlobFiles(true)
                    .setMinBlobSize(512)
                    .setBlobFileSize(64L << 20)
                    .setEnableBlobGarbageCollection(true)
                    .setTableFormatConfig(new BlockBasedTableConfig()
                            .setBlockCache(cache)
                            .setBlockSize(16 * 1024)
                            .setFilterPolicy(new org.rocksdb.BloomFilter(10, false))
                            .setCacheIndexAndFilterBlocks(true)
                            .setPinL0FilterAndIndexBlocksInCache(true));
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            for (byte[] cf : Schema.COLUMN_FAMILIES) {
                descriptors.add(new ColumnFamilyDescriptor(cf, cfOptions));
            }
            List<ColumnFamilyHandle> handles = new ArrayList<>();
            RocksDB db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
            return new RocksBackend(dir, db, dbOptions, cfOptions, cache, handles);
        } catch (RocksDBException | java.io.IOException e) {
            throw new BackendException("cannot open the store in " + dir + ": " + e.getMessage(), e);
        }
    }

    ColumnFamilyHandle handle(Table t) {
        return byTable.get(t);
    }

    @Override
    public Optional<byte[]> get(Table table, byte[] key) {
        try {
            return Optional.ofNullable(db.get(handle(table), key));
        } catch (RocksDBException e) {
            throw new BackendException("read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Cursor cursor(Table table) {
        ReadOptions ro = new ReadOptions();
        return new RocksCursor(db.newIterator(handle(table), ro), ro, null);
    }

    @Override
    public Cursor cursor(Table table, byte[] upperBoundExclusive) {
        org.rocksdb.Slice bound = new org.rocksdb.Slice(upperBoundExclusive);
        ReadOptions ro = new ReadOptions().setIterateUpperBound(bound);
        return new RocksCursor(db.newIterator(handle(table), ro), ro, bound);
    }

    @Override
    public Batch batch() {
        return new RocksBatch(this);
    }

    void write(org.rocksdb.WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new BackendException("write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Snapshot snapshot() {
        return new RocksSnapshot(this, db, db.getSnapshot());
    }

    @Override
    public void flush() {
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.flush(fo, handles);
            db.flushWal(true);
        } catch (RocksDBException e) {
            throw new BackendException("flush failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long sizeBytes() {
        // the store writes without a WAL, so recent data lives only in memtables until a flush: count them with
        // the table and blob files, per column family
        long total = 0;
        try {
            for (ColumnFamilyHandle h : handles) {
                total += db.getLongProperty(h, "rocksdb.total-sst-files-size");
                total += db.getLongProperty(h, "rocksdb.total-blob-file-size");
                total += db.getLongProperty(h, "rocksdb.cur-size-all-mem-tables");
            }
        } catch (RocksDBException e) {
            throw new BackendException("cannot read sizes: " + e.getMessage(), e);
        }
        return total;
    }

    @Override
    public long liveDataBytes() {
        long total = 0;
        try {
            for (ColumnFamilyHandle h : handles) {
                total += db.getLongProperty(h, "rocksdb.estimate-live-data-size");
                total += db.getLongProperty(h, "rocksdb.cur-size-all-mem-tables");
            }
        } catch (RocksDBException e) {
            throw new BackendException("cannot read sizes: " + e.getMessage(), e);
        }
        return total;
    }

    @Override
    public BackendStats stats() {
        try {
            return new BackendStats(
                    sum("rocksdb.estimate-pending-compaction-bytes"),
                    db.getLongProperty("rocksdb.num-running-compactions"),
                    db.getLongProperty("rocksdb.num-running-flushes"),
                    sum("rocksdb.cur-size-all-mem-tables"),
                    cache.getUsage(),
                    db.getLongProperty("rocksdb.block-cache-capacity"),
                    db.getLiveFilesMetaData().size());
        } catch (RocksDBException e) {
            throw new BackendException("cannot read statistics: " + e.getMessage(), e);
        }
    }

    @Override
    public long estimatedKeys(Table table) {
        try {
            return db.getLongProperty(handle(table), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw new BackendException("cannot read statistics: " + e.getMessage(), e);
        }
    }

    private long sum(String property) throws RocksDBException {
        long total = 0;
        for (ColumnFamilyHandle h : handles) {
            total += db.getLongProperty(h, property);
        }
        return total;
    }

    @Override
    public void compactAll() {
        // memtables first (the store has no WAL, so recent data lives there), then every level down to the
        // bottom, so deleted and overwritten data leaves the files
        flush();
        try (org.rocksdb.CompactRangeOptions o = new org.rocksdb.CompactRangeOptions()
                .setBottommostLevelCompaction(org.rocksdb.CompactRangeOptions.BottommostLevelCompaction.kForce)) {
            for (ColumnFamilyHandle h : handles) {
                db.compactRange(h, null, null, o);
            }
        } catch (RocksDBException e) {
            throw new BackendException("compaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkpoint(Path target) {
        try (org.rocksdb.Checkpoint cp = org.rocksdb.Checkpoint.create(db)) {
            flush();
            cp.createCheckpoint(target.toString());
        } catch (RocksDBException e) {
            throw new BackendException("checkpoint failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void replaceWith(Path incoming) {
        throw new UnsupportedOperationException("replace through the store's backend");
    }

    /** Where this database lives. */
    Path directory() {
        return dir;
    }

    /** This database was replaced: {@link #deleteRetiredFiles()} removes {@code aside} once it is closed. */
    void retiredAt(Path aside) {
        retiredDir = aside;
    }

    /** Deletes the moved-away directory of a retired database (after {@link #close()}). */
    void deleteRetiredFiles() {
        Path d = retiredDir;
        if (d == null) {
            return;
        }
        ScratchFiles.deleteQuietly(d);
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        writeOptions.close();
        dbOptions.close();
        cfOptions.close();
        cache.close();
    }
}
