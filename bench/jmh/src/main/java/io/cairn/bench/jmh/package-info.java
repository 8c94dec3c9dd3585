/**
 * JMH microbenchmarks of the store's hot paths: key encoding, index lookup, the apply loop, the watch fan-out and
 * metric recording. Run them with {@code bench/jmh.sh}; see {@code docs/benchmarks.md} for the method and a
 * reading.
 */
package io.cairn.bench.jmh;
