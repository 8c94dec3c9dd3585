package io.cairn.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench txn-mixed}: a random mix of read and write txns, as etcd's {@code benchmark txn-mixed}.
 *
 * <p>Why: reads and writes contend for the same store; this shows what a read-heavy (or write-heavy) mix does to
 * each. A read is a txn holding one range over the whole key space (or up to {@code --end-key}) with
 * {@code --limit}; a write is a txn holding one put to key {@code i % key-space-size}. Request {@code i} is a read
 * with probability {@code rw-ratio / (1 + rw-ratio)}. Reads and writes are reported apart, then together.
 */
@Command(name = "txn-mixed", description = "Benchmark a mixed load of txn-put and txn-range.")
final class TxnMixedCommand extends LoadCommand {

    @Option(names = "--key-size", defaultValue = "8", description = "Key size of mixed txn. Default: 8.")
    int keySize;

    @Option(names = "--val-size", defaultValue = "8", description = "Value size of mixed txn. Default: 8.")
    int valSize;

    @Option(names = "--rate", defaultValue = "0", description = "Maximum txns per second (0 is no limit).")
    double rate;

    @Option(names = "--total", defaultValue = "10000", description = "Total number of txn requests. Default: 10000.")
    long total;

    @Option(names = "--end-key", defaultValue = "",
            description = "Read operation range end key. By default, the whole key space with --limit.")
    String endKey;

    @Option(names = "--limit", defaultValue = "1000", description = "Read operation range result limit. Default: 1000.")
    long limit;

    @Option(names = "--key-space-size", defaultValue = "1", description = "Maximum possible keys. Default: 1.")
    long keySpaceSize;

    @Option(names = "--consistency", defaultValue = "l",
            description = "Linearizable(l) or Serializable(s). Default: l.")
    String consistency;

    @Option(names = "--rw-ratio", defaultValue = "1", description = "Read/write ops ratio. Default: 1.")
    double rwRatio;

    @Override
    void check() {
        Consistency.parse(consistency);
        keys();
        if (rwRatio < 0) {
            throw new IllegalArgumentException("--rw-ratio must not be negative");
        }
    }

    @Override
    Report run(RunContext context) throws InterruptedException {
        Consistency mode = Consistency.parse(consistency);
        context.notes().println("bench with " + mode + " range");
        TxnRequest read = TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestRange(
                RangeRequest.newBuilder().setKey(ByteString.copyFrom(new byte[] {0}))
                        .setRangeEnd(endKey.isEmpty() ? ByteString.copyFrom(new byte[] {0})
                                : ByteString.copyFromUtf8(endKey))
                        .setLimit(limit).setSerializable(mode.serializable()))).build();
        Workload workload = new Workload(context, read);
        context.warmUp(workload.operation(new LatencyTally(), new LatencyTally()), rate);
        LatencyTally reads = new LatencyTally();
        LatencyTally writes = new LatencyTally();
        Summary all = context.measure("txn-mixed", workload.operation(reads, writes), total, rate);
        return new Report("txn-mixed", all,
                List.of(reads.summary("read", "requests", all.nanos()),
                        writes.summary("write", "requests", all.nanos())),
                Map.of(), List.of());
    }

    /** The request factory of one run. */
    private final class Workload {
        final KeyGenerator keys = keys();
        final ValuePool values;
        final SeqRandom coin;
        final double readShare = rwRatio / (1 + rwRatio);
        final TxnRequest read;
        final KVGrpc.KVStub[] kv;
        final LongSupplier clock;

        Workload(RunContext context, TxnRequest read) {
            this.values = context.values(valSize);
            this.coin = context.random();
            this.read = read;
            this.kv = context.kvStubs();
            this.clock = context.nanoClock();
        }

        /** Mixed txns that also record into {@code reads} or {@code writes}. */
        Operation operation(LatencyTally reads, LatencyTally writes) {
            return (client, seq, done) -> {
                boolean isRead = coin.unit(seq) < readShare;
                TxnRequest request = isRead ? read : TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder()
                        .setRequestPut(PutRequest.newBuilder().setKey(keys.key(seq)).setValue(values.value(seq))))
                        .build();
                LatencyTally tally = isRead ? reads : writes;
                long sent = clock.getAsLong();
                kv[client % kv.length].txn(request, Unary.completing(new Operation.Completion() {
                    @Override
                    public void succeeded() {
                        tally.succeeded(clock.getAsLong() - sent);
                        done.succeeded();
                    }

                    @Override
                    public void failed(Throwable error) {
                        tally.failed(error);
                        done.failed(error);
                    }
                }));
            };
        }
    }

    private KeyGenerator keys() {
        return new KeyGenerator(keySize, keySpaceSize, true, new SeqRandom(0));
    }
}
