package io.cairn.bench;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.RangeRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn bench range KEY [END]}: the same range request over and over, as etcd's {@code benchmark range}.
 *
 * <p>Why: etcd publishes read figures for linearizable and serializable ranges; the request is built once and
 * resent, so the generator spends nothing per request but the call itself.
 */
@Command(name = "range", description = "Benchmark range.")
final class RangeCommand extends LoadCommand {

    @Parameters(index = "0", paramLabel = "KEY", description = "The key to read (or the start of the range).")
    String key;

    @Parameters(index = "1", paramLabel = "END", arity = "0..1",
            description = "The end of the range (exclusive); without it, just KEY.")
    String end;

    @Option(names = "--consistency", defaultValue = "l",
            description = "Linearizable(l) or Serializable(s). Default: l.")
    String consistency;

    @Option(names = "--total", defaultValue = "10000",
            description = "Total number of range requests. Default: 10000.")
    long total;

    @Option(names = "--rate", defaultValue = "0",
            description = "Maximum range requests per second (0 is no limit).")
    double rate;

    @Option(names = "--limit", defaultValue = "0", description = "Maximum keys per response (0 is no limit).")
    long limit;

    @Override
    void check() {
        Consistency.parse(consistency);
    }

    @Override
    Report run(RunContext context) throws InterruptedException {
        Consistency mode = Consistency.parse(consistency);
        context.notes().println("bench with " + mode + " range");
        RangeRequest.Builder request = RangeRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
                .setSerializable(mode.serializable()).setLimit(limit);
        if (end != null) {
            request.setRangeEnd(ByteString.copyFromUtf8(end));
        }
        RangeRequest built = request.build();
        KVGrpc.KVStub[] kv = context.kvStubs();
        Operation range = (client, seq, done) -> kv[client % kv.length].range(built, Unary.completing(done));
        context.warmUp(range, rate);
        return Report.of("range", context.measure("range", range, total, rate));
    }
}
