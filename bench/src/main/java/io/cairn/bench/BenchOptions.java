package io.cairn.bench;

import java.time.Duration;
import java.util.List;

/**
 * The options every {@code cairn bench} subcommand shares, checked.
 *
 * <p>Why: picocli fills mutable fields; the workloads get this immutable, validated value instead.
 *
 * @param endpoints    where to send the load ({@code --endpoints})
 * @param conns        gRPC connections ({@code --conns})
 * @param clients      requests in flight at once ({@code --clients})
 * @param ioThreads    network threads of the generator ({@code --io-threads})
 * @param targetLeader send only to the leader ({@code --target-leader})
 * @param json         print the report as one JSON object ({@code --json})
 * @param warmup       unmeasured load before the measured run ({@code --warmup})
 * @param allowErrors  exit 0 even when requests failed ({@code --allow-errors})
 * @param dialTimeout  how long to wait for each connection ({@code --dial-timeout})
 */
record BenchOptions(List<Endpoint> endpoints, int conns, int clients, int ioThreads, boolean targetLeader, boolean json,
        Warmup warmup, boolean allowErrors, Duration dialTimeout) {

    BenchOptions {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoints given");
        }
        if (conns < 1) {
            throw new IllegalArgumentException("--conns must be at least 1, got " + conns);
        }
        if (clients < 1) {
            throw new IllegalArgumentException("--clients must be at least 1, got " + clients);
        }
        if (ioThreads < 1) {
            throw new IllegalArgumentException("--io-threads must be at least 1, got " + ioThreads);
        }
        if (dialTimeout.isNegative() || dialTimeout.isZero()) {
            throw new IllegalArgumentException("--dial-timeout must be positive");
        }
    }
}
