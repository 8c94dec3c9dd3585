package io.cairn.bench.jmh;

import com.google.protobuf.ByteString;
import io.cairn.kv.server.mvcc.KeyRange;
import io.cairn.kv.server.mvcc.MvccStore;
import io.cairn.kv.server.mvcc.RangeResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Index lookup: {@link MvccStore#range} of one key and of a 10-key prefix, at the current revision and at an
 * older one, over a store holding 100,000 keys with 256-byte values.
 *
 * <p>Every key is written twice (two passes of Txns of 100 puts through the apply step), then the memtables are
 * flushed, so reads come from RocksDB's table files through its block cache. Current-revision reads go to the
 * {@code latest} table; reads at the revision between the passes find every key newer than that in {@code latest}
 * and go to the {@code index} table (the historical path). Keys are visited in a scattered order (a prime
 * stride), not sequentially.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RangeBenchmark {

    static final int KEYS = 100_000;
    static final int STRIDE = 7_919;

    TempStore fixture;
    MvccStore store;
    ByteString[] keys;
    KeyRange[] prefixes;
    long historicalRevision;
    int next;

    @Setup
    public void setup() {
        fixture = TempStore.create();
        store = fixture.store();
        long index = Keys.load(fixture.applier(), 1, KEYS, 0);
        historicalRevision = store.currentRevision();
        Keys.load(fixture.applier(), index, KEYS, 1);
        fixture.backend().flush();
        keys = new ByteString[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = Keys.key(i);
        }
        prefixes = new KeyRange[KEYS / Keys.PER_GROUP];
        for (int g = 0; g < prefixes.length; g++) {
            ByteString p = Keys.prefix(g);
            prefixes[g] = KeyRange.of(p, Keys.prefixEnd(p));
        }
    }

    @TearDown
    public void tearDown() {
        fixture.close();
    }

    private int nextKey() {
        next = (next + STRIDE) % KEYS;
        return next;
    }

    /** One key at the current revision (etcd's {@code benchmark range KEY}). */
    @Benchmark
    public RangeResult pointLatest() {
        return store.range(KeyRange.single(keys[nextKey()]), 0, 0, false);
    }

    /** One key at an older revision (its newest version is newer than that). */
    @Benchmark
    public RangeResult pointHistorical() {
        return store.range(KeyRange.single(keys[nextKey()]), historicalRevision, 0, false);
    }

    /** A prefix holding 10 keys, at the current revision. */
    @Benchmark
    public RangeResult prefix10Latest() {
        return store.range(prefixes[nextKey() % prefixes.length], 0, 0, false);
    }

    /** A prefix holding 10 keys, at an older revision. */
    @Benchmark
    public RangeResult prefix10Historical() {
        return store.range(prefixes[nextKey() % prefixes.length], historicalRevision, 0, false);
    }
}
