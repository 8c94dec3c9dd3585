/**
 * Metrics for every Cairn component: an instance-owned registry on the official Prometheus Java client, with
 * pre-bound handles for the hot path and exposition in the Prometheus text format 0.0.4 or OpenMetrics.
 *
 * <p>Why a facade: components record through {@link io.cairn.observe.metrics.Counter},
 * {@link io.cairn.observe.metrics.Gauge} and {@link io.cairn.observe.metrics.Histogram} and never import the
 * Prometheus client, so its version (or the client itself) can change in one place. Each component owns its
 * {@link io.cairn.observe.metrics.Metrics} instance; there is no global registry, so two members in one JVM (tests,
 * embedding) never see each other's counts.
 */
package io.cairn.observe.metrics;
