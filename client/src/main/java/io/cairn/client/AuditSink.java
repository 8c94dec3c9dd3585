package io.cairn.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where audit records go: a log, a queue, a database. Called on the calling thread after each mutating call;
 * implementations must be thread-safe and quick, and should not throw (a throwing sink is logged and ignored).
 *
 * <p>Why: compliance wants every change a controller makes on record, and each organisation keeps them elsewhere.
 */
@FunctionalInterface
public interface AuditSink {

    void record(AuditRecord record);

    /** Writes each record as one line to the {@code io.cairn.client.audit} logger at INFO. */
    static AuditSink logging() {
        Logger log = LoggerFactory.getLogger("io.cairn.client.audit");
        return r -> log.info("cluster={} verb={} resource={} namespace={} name={} resourceVersion={} outcome={} "
                        + "latencyMs={} attempts={} operator={} traceId={}", r.cluster(), r.verb(), r.resource(),
                r.namespace(), r.name(), r.resourceVersion(), r.outcome(), r.latency().toMillis(), r.attempts(),
                r.operator(), r.traceId());
    }
}
