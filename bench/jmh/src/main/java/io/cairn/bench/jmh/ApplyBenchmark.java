package io.cairn.bench.jmh;

import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.apply.Command;
import io.cairn.kv.server.apply.Outcome;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.nio.ByteBuffer;
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
 * The state machine without Raft: {@link Applier#apply(long, ByteBuffer)} of committed log entries, one after the
 * other on one thread, as the apply loop runs them. Each entry is decoded, applied in one write transaction and
 * written to RocksDB in one batch (without RocksDB's WAL: the Raft log is the log of record).
 *
 * <p>Entries are pre-encoded {@code Command.Put}s (one put each) and {@code Command.Txn}s of 10 puts, over a
 * keyspace of 10,000 keys with 256-byte values, visited in a scattered order; every key is overwritten again and
 * again, so history grows as it does under an update-heavy load. The store is not emptied between iterations:
 * memtable flushes and RocksDB compactions run in the background, as they would in a member.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ApplyBenchmark {

    static final int KEYS = 10_000;
    static final int ENTRIES = 10_000;
    static final int STRIDE = 7_919;
    static final int PUTS_PER_TXN = 10;

    TempStore fixture;
    Applier applier;
    ByteBuffer[] puts;
    ByteBuffer[] txns;
    long index;
    int next;

    @Setup
    public void setup() {
        fixture = TempStore.create();
        applier = fixture.applier();
        puts = new ByteBuffer[ENTRIES];
        txns = new ByteBuffer[ENTRIES];
        int k = 0;
        for (int e = 0; e < ENTRIES; e++) {
            k = (k + STRIDE) % KEYS;
            puts[e] = ByteBuffer.wrap(new Command.Put(put(k, e)).encode());
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int i = 0; i < PUTS_PER_TXN; i++) {
                k = (k + STRIDE) % KEYS;
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(put(k, e + i)));
            }
            txns[e] = ByteBuffer.wrap(new Command.Txn(txn.build()).encode());
        }
        index = 1;
    }

    private static PutRequest put(int key, long seed) {
        return PutRequest.newBuilder().setKey(Keys.key(key)).setValue(Keys.value(seed)).build();
    }

    @TearDown
    public void tearDown() {
        fixture.close();
    }

    /** One entry holding one put (etcd's {@code benchmark put}). */
    @Benchmark
    public Outcome put() {
        next = next + 1 == ENTRIES ? 0 : next + 1;
        return applier.apply(index++, puts[next]);
    }

    /** One entry holding a Txn of 10 puts (one revision); ops/s counts entries, not puts. */
    @Benchmark
    public Outcome txnOf10Puts() {
        next = next + 1 == ENTRIES ? 0 : next + 1;
        return applier.apply(index++, txns[next]);
    }
}
