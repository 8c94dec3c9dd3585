package io.cairn.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The write side of both watch benchmarks ({@code watch} and {@code watch-latency}): how many puts, how fast, and
 * how large, with etcd's flag names.
 *
 * <p>Why a mixin: the two commands differ only in how watchers are laid out over keys and streams.
 */
final class WatchPutOptions {

    @Option(names = "--put-total", defaultValue = "1000", description = "Number of put requests. Default: 1000.")
    int putTotal;

    @Option(names = "--put-rate", defaultValue = "100",
            description = "Number of keys to put per second (0 is no limit). Default: 100.")
    double putRate;

    @Option(names = "--val-size", defaultValue = "32",
            description = "Value size of the puts, at least 16 (send time and sequence number). Default: 32.")
    int valSize;

    @Option(names = "--delivery-log", paramLabel = "FILE",
            description = "Also write each measured event to FILE, one line each: the put's send time in ns after "
                    + "the first measured put, and the event's delivery latency in ns.")
    Path deliveryLog;

    /** The load for {@code watchers} watchers on {@code keys} keys over {@code streams} streams. */
    WatchLoad.Spec spec(String name, int watchers, int streams, int keys) {
        return new WatchLoad.Spec(name, watchers, streams, keys, putTotal, putRate, valSize, deliveryLog);
    }
}
