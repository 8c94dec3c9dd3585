package io.cairn.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench watch-latency}: {@code --streams} times {@code --watchers-per-stream} watchers on one key, a
 * put at a time at {@code --put-rate}, as etcd's {@code benchmark watch-latency}.
 *
 * <p>Why: the fan-out of one write to many watchers of the same key (a Kubernetes resource type with many
 * informers) is the watch pattern etcd tunes for. Unlike etcd's tool, which times each event from the end of the
 * put, latency here runs from the put being sent (an event can reach a watcher before the put's response reaches
 * the writer), so it includes the commit; the put latency is reported beside it. Every event is also checked as in
 * {@code watch}.
 */
@Command(name = "watch-latency", description = "Benchmark watch latency: many watchers on one key.")
final class WatchLatencyCommand extends LoadCommand {

    @Option(names = "--streams", defaultValue = "10", description = "Total watch streams. Default: 10.")
    int streams;

    @Option(names = "--watchers-per-stream", defaultValue = "10",
            description = "Total watchers per stream. Default: 10.")
    int watchersPerStream;

    @Mixin
    WatchPutOptions puts = new WatchPutOptions();

    @Override
    void check() {
        spec();
    }

    @Override
    Report run(RunContext context) throws InterruptedException {
        return new WatchLoad(context, spec()).run();
    }

    private WatchLoad.Spec spec() {
        return puts.spec("watch-latency", Math.multiplyExact(streams, watchersPerStream), streams, 1);
    }
}
