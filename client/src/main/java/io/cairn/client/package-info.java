/**
 * A client for Kubernetes-style APIs that handles the hard parts of production use once: conflict-retrying
 * updates, pushback retries within a budget, a QPS/Burst limiter, deadlines and cancellation, resumable watches and
 * informers, multi-cluster routing, audit records, tracing and schema checks before submit.
 *
 * <p>The public surface is {@link io.cairn.client.ClusterClient}, {@link io.cairn.client.Clusters},
 * {@link io.cairn.client.ClientConfig} and a few value types; the HTTP transport is fabric8's.
 */
package io.cairn.client;
