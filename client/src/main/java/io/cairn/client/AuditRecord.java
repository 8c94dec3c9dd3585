package io.cairn.client;

import java.time.Duration;
import java.time.Instant;

/**
 * What one mutating call did: who changed what on which cluster, with which result, and the trace that ties it to
 * the server's logs.
 *
 * @param time when the call started (wall clock)
 * @param cluster the cluster's name
 * @param verb {@code create}, {@code update} or {@code delete}
 * @param resource the plural resource, with its group ({@code deployments.apps})
 * @param namespace the namespace, {@code ""} for cluster-scoped objects
 * @param name the object's name
 * @param resourceVersion the resourceVersion the server answered, {@code ""} when the call failed
 * @param outcome {@code success} or the failure ({@code Conflict}, {@code DeadlineExceeded}, ...)
 * @param latency the call's total time, retries included
 * @param attempts how many writes were sent (more than one after conflicts or pushback)
 * @param operator the identity configured for this client, {@code ""} when none
 * @param traceId the W3C trace id sent in {@code traceparent}
 */
public record AuditRecord(Instant time, String cluster, String verb, String resource, String namespace, String name,
                          String resourceVersion, String outcome, Duration latency, int attempts, String operator,
                          String traceId) {
}
