package io.cairn.bench;

import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench txn-put}: transactions of {@code --txn-ops} unconditional puts, as etcd 3.4's
 * {@code benchmark txn-put}.
 *
 * <p>Why: a txn of several puts is one log entry and one revision, so this measures how the write path scales with
 * the size of an entry. Txn {@code i} writes keys {@code (i * txn-ops + j) % key-space-size}, distinct within a
 * txn (etcd refuses duplicate keys in one txn), which is why {@code --txn-ops} may not exceed the key space.
 */
@Command(name = "txn-put", description = "Benchmark txn-put.")
final class TxnPutCommand extends LoadCommand {

    @Option(names = "--txn-ops", defaultValue = "1", description = "Number of puts per txn. Default: 1.")
    int txnOps;

    @Option(names = "--key-size", defaultValue = "8", description = "Key size of txn put. Default: 8.")
    int keySize;

    @Option(names = "--val-size", defaultValue = "8", description = "Value size of txn put. Default: 8.")
    int valSize;

    @Option(names = "--total", defaultValue = "10000", description = "Total number of txn requests. Default: 10000.")
    long total;

    @Option(names = "--key-space-size", defaultValue = "1", description = "Maximum possible keys. Default: 1.")
    long keySpaceSize;

    @Option(names = "--rate", defaultValue = "0", description = "Maximum txns per second (0 is no limit).")
    double rate;

    @Override
    void check() {
        keys();
        if (txnOps <= 0) {
            throw new IllegalArgumentException("expected positive --txn-ops, got (" + txnOps + ")");
        }
        if (txnOps > keySpaceSize) {
            throw new IllegalArgumentException("expected --txn-ops no larger than --key-space-size, got txn-ops("
                    + txnOps + ") key-space-size(" + keySpaceSize + ")");
        }
    }

    @Override
    Report run(RunContext context) throws InterruptedException {
        KeyGenerator keys = keys();
        ValuePool values = context.values(valSize);
        KVGrpc.KVStub[] kv = context.kvStubs();
        Operation txn = (client, seq, done) -> {
            TxnRequest.Builder request = TxnRequest.newBuilder();
            for (int j = 0; j < txnOps; j++) {
                long n = seq * txnOps + j;
                request.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(keys.key(n)).setValue(values.value(n))));
            }
            kv[client % kv.length].txn(request.build(), Unary.completing(done));
        };
        context.warmUp(txn, rate);
        return Report.of("txn-put", context.measure("txn-put", txn, total, rate));
    }

    private KeyGenerator keys() {
        return new KeyGenerator(keySize, keySpaceSize, true, new SeqRandom(0));
    }
}
