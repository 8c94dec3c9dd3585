/**
 * {@code cairn bench}: a load generator for any etcd v3 server, modelled on etcd's {@code tools/benchmark}.
 *
 * <p>Why a package of its own: it must measure Cairn and etcd with the same client, so it speaks plain gRPC through
 * the etcd v3 stubs and knows nothing of the server. The subcommands ({@code put}, {@code range}, {@code txn-put},
 * {@code txn-mixed}, {@code watch}, {@code watch-latency}, {@code lease-keepalive}) keep etcd's names and flags.
 *
 * <p>The generator must steal as little CPU as possible from the server it loads on the same machine: requests
 * are asynchronous, callbacks run on gRPC's network threads ({@link io.cairn.bench.ConnectionPool}), one
 * scheduler thread paces rate-limited runs ({@link io.cairn.bench.LoadRunner}), latencies go into HdrHistograms,
 * and nothing is logged while the load runs. Time and randomness are injected so the arithmetic (pacing,
 * percentiles, keys, the watch delivery check) is unit-tested without a server.
 */
package io.cairn.bench;
