/**
 * Serving metrics and health over HTTP: {@code /metrics}, {@code /health}, {@code /livez} and {@code /readyz}, on the
 * listeners given by {@code --listen-metrics-urls}.
 *
 * <p>Why two layers: {@link io.cairn.observe.http.ObserveEndpoints} turns a request into a response and knows no HTTP
 * server, so a component can serve the same bytes on a port it already owns (etcd serves {@code /metrics} and
 * {@code /health} on the client URL too); {@link io.cairn.observe.http.ObserveServer} runs its own listeners on
 * Helidon SE, whose types never leave this package.
 */
package io.cairn.observe.http;
