package io.cairn.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn bench watch}: many watchers over a few streams and keys, a steady put rate, every event timed and
 * checked.
 *
 * <p>Why: etcd's {@code benchmark watch} counts events received; this also measures each event's delivery latency
 * (from the put being sent to the watcher receiving it) and fails the run if any watcher misses, repeats or
 * reorders an event. See {@link WatchLoad} for the steps.
 */
@Command(name = "watch", description = {"Benchmark watch: event delivery latency and exactly-once, in-order "
        + "delivery to every watcher.",
        "Watcher w watches key w %% watched-key-total and uses stream w %% streams; put i writes key "
        + "i %% watched-key-total."})
final class WatchCommand extends LoadCommand {

    @Option(names = "--watchers", defaultValue = "100", description = "Total number of watchers. Default: 100.")
    int watchers;

    @Option(names = "--streams", defaultValue = "10",
            description = "Watch streams the watchers are spread over. Default: 10.")
    int streams;

    @Option(names = "--watched-key-total", defaultValue = "1",
            description = "Total number of keys to be watched. Default: 1.")
    int watchedKeyTotal;

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
        return puts.spec("watch", watchers, streams, watchedKeyTotal);
    }
}
