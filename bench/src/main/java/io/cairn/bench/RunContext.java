package io.cairn.bench;

import io.etcd.jetcd.api.KVGrpc;
import java.io.PrintWriter;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * What a workload needs to run: the options, the connections, the load runner, the clock, a seed and a place for
 * notes.
 *
 * <p>Why: one value to hand to each subcommand's {@code run}, built by {@link LoadCommand}, so workloads never
 * reach for globals, the system clock or a shared random generator.
 *
 * @param options   the shared options
 * @param pool      the open connections
 * @param runner    the request/response load runner
 * @param nanoClock the monotonic clock, in nanoseconds
 * @param seed      this run's random seed
 * @param notes     where remarks that are not results go (stderr)
 */
record RunContext(BenchOptions options, ConnectionPool pool, LoadRunner runner, LongSupplier nanoClock, long seed,
        PrintWriter notes) {

    /** One asynchronous KV stub per connection; client {@code c} uses {@code c % length}. */
    KVGrpc.KVStub[] kvStubs() {
        KVGrpc.KVStub[] stubs = new KVGrpc.KVStub[pool.size()];
        for (int i = 0; i < stubs.length; i++) {
            stubs[i] = KVGrpc.newStub(pool.channel(i));
        }
        return stubs;
    }

    /** Incompressible values of {@code size} bytes. */
    ValuePool values(int size) {
        return new ValuePool(size, new SplittableRandom(seed), new SeqRandom(seed ^ 0x5DEECE66DL));
    }

    /** Random numbers per request sequence number. */
    SeqRandom random() {
        return new SeqRandom(seed);
    }

    /** True when the run asked for a warm-up ({@code --warmup}). */
    boolean warmsUp() {
        return !options.warmup().none();
    }

    /** Runs the warm-up with this run's clients. */
    void warmUp(Operation operation, double rate) throws InterruptedException {
        runner.warmUp(operation, options.clients(), rate, options.warmup());
    }

    /**
     * Runs {@code total} measured requests with this run's clients, after a full collection of the generator's own
     * heap (as JMH does between iterations): what the set-up and warm-up left for the young collector (a watch run's
     * thousands of watchers, say) would otherwise be copied in a pause of the generator early in the measured run,
     * and counted as the server's latency.
     */
    Summary measure(String name, Operation operation, long total, double rate) throws InterruptedException {
        System.gc();
        return runner.measure(name, operation, options.clients(), total, rate);
    }
}
