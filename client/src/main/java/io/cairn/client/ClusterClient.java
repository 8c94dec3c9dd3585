package io.cairn.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A client for one Kubernetes-style cluster. Every call takes a {@link Deadline} that bounds all of it — the wait
 * for a rate-limiter token, each retry and backoff, the HTTP exchange — and whose cancellation aborts it. Objects are
 * fabric8 model classes (or {@code GenericKubernetesResource} for any kind).
 *
 * <p>Calls are thread-safe; one client per cluster is shared by all threads, and so are its limiter and retry budget.
 * <pre>{@code
 * try (ClusterClient kube = ClusterClient.create(ClientConfig.fromKubeconfig(path, "prod").rateLimit(50, 100).build())) {
 *     kube.update(ResourceType.CONFIG_MAPS.ref("default", "settings"), ConfigMap.class,
 *             cm -> { cm.getData().put("mode", "on"); return cm; }, Deadline.after(Duration.ofSeconds(10)));
 * }
 * }</pre>
 *
 * <p>Failures are {@link ClientException}s: {@code Status} for a server answer (404, 409 after the conflict retries,
 * 429 once retries are spent), {@code DeadlineExceeded}, {@code Cancelled}, {@code Transport}, {@code Invalid}.
 */
public interface ClusterClient extends AutoCloseable {

    /** Creates a client; it connects lazily. */
    static ClusterClient create(ClientConfig config) {
        return new KubeClusterClient(config);
    }

    /** The cluster's name (its kubeconfig context, or the configured name). */
    String name();

    /** Reads one object. */
    <T extends HasMetadata> T get(ObjectRef ref, Class<T> type, Deadline deadline);

    /** Lists {@code type} in {@code namespace} ({@code ""}: all namespaces), following {@code continue} pages. */
    <T extends HasMetadata> List<T> list(ResourceType type, String namespace, Class<T> cls, Deadline deadline);

    /**
     * Creates {@code object} after checking it against the server's schema. A create is never repeated after a
     * failed connection (it may have been applied); it is repeated after a 429, which the server did not process.
     */
    <T extends HasMetadata> T create(ResourceType type, T object, Deadline deadline);

    /**
     * Conflict-safe update: reads the object, applies {@code mutator} to a copy, writes it with the read's
     * resourceVersion and, on 409 Conflict, reads again and reapplies after a jittered, growing backoff, up to the
     * configured attempts (client-go's {@code RetryOnConflict}). {@code mutator} must be a pure function of its
     * argument. When it changes nothing, nothing is written. Returns the object as the server stored it.
     */
    <T extends HasMetadata> T update(ObjectRef ref, Class<T> type, UnaryOperator<T> mutator, Deadline deadline);

    /** Deletes one object (404 is reported as a {@code Status}). */
    void delete(ObjectRef ref, Deadline deadline);

    /**
     * Watches {@code type} in {@code namespace}: lists first (as {@code resync} ADDED events), then streams changes,
     * surviving broken connections and 410 Gone with no event lost or repeated. Runs until closed or until
     * {@code deadline} ends.
     */
    <T extends HasMetadata> WatchHandle watch(ResourceType type, String namespace, Class<T> cls,
                                              WatchHandler<T> handler, Deadline deadline);

    /** An informer (not started) for {@code type} in {@code namespace}. */
    <T extends HasMetadata> Informer<T> informer(ResourceType type, String namespace, Class<T> cls);

    /**
     * Checks {@code object} against the server's OpenAPI v3 schema for {@code type}, without sending it.
     *
     * @throws ClientException.Invalid with the field paths of every violation
     */
    void validate(ResourceType type, Object object, Deadline deadline);

    /** Whether recent calls reached the cluster (false after repeated connection failures, for a while). */
    boolean healthy();

    /** Closes the transport. */
    @Override
    void close();
}
