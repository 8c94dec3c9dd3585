/**
 * Request tracing on the OpenTelemetry SDK: W3C {@code traceparent} propagation from incoming headers or gRPC
 * metadata, a {@code ParentBased(TraceIdRatioBased(ratio))} sampler, and OTLP export.
 *
 * <p>Why a facade: a component starts one span per request and needs nothing else from OpenTelemetry; with the
 * ratio at 0 (the default) the facade is a constant no-op, so a request pays nothing for tracing being available.
 */
package io.cairn.observe.tracing;
