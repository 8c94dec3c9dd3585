package io.cairn.bench;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench put}: unconditional puts, as etcd's {@code benchmark put}.
 *
 * <p>Why: the write path end to end (consensus, fsync, apply) is what etcd's published write figures measure;
 * the flags and key encoding are etcd's so the numbers compare. Values are random and differ per request.
 */
@Command(name = "put", description = "Benchmark put.")
final class PutCommand extends LoadCommand {

    @Option(names = "--key-size", defaultValue = "8", description = "Key size of put request. Default: 8.")
    int keySize;

    @Option(names = "--val-size", defaultValue = "8", description = "Value size of put request. Default: 8.")
    int valSize;

    @Option(names = "--total", defaultValue = "10000", description = "Total number of put requests. Default: 10000.")
    long total;

    @Option(names = "--key-space-size", defaultValue = "1", description = "Maximum possible keys. Default: 1.")
    long keySpaceSize;

    @Option(names = "--sequential-keys", description = "Use sequential keys.")
    boolean sequentialKeys;

    @Option(names = "--rate", defaultValue = "0", description = "Maximum puts per second (0 is no limit).")
    double rate;

    @Override
    void check() {
        keys(new SeqRandom(0));
        if (valSize < 0 || total < 0) {
            throw new IllegalArgumentException("--val-size and --total must not be negative");
        }
    }

    @Override
    Report run(RunContext context) throws InterruptedException {
        KeyGenerator keys = keys(context.random());
        ValuePool values = context.values(valSize);
        KVGrpc.KVStub[] kv = context.kvStubs();
        Operation put = (client, seq, done) -> kv[client % kv.length].put(PutRequest.newBuilder()
                .setKey(keys.key(seq)).setValue(values.value(seq)).build(), Unary.completing(done));
        context.warmUp(put, rate);
        return Report.of("put", context.measure("put", put, total, rate));
    }

    private KeyGenerator keys(SeqRandom random) {
        return new KeyGenerator(keySize, keySpaceSize, sequentialKeys, random);
    }
}
