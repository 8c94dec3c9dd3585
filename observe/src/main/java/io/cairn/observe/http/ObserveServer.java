package io.cairn.observe.http;

import java.net.URI;
import java.util.List;

/**
 * The HTTP listeners that serve {@link ObserveEndpoints}, one per {@code --listen-metrics-urls} entry.
 *
 * <p>Why: operators scrape and probe a component on a port separate from its API (so a busy or TLS-only API port
 * does not get in the way); this runs those listeners on Helidon SE without exposing Helidon to the component.
 * <pre>{@code
 * try (ObserveServer server = ObserveServer.create(ObserveServerConfig.parse("http://127.0.0.1:0"),
 *         ObserveEndpoints.create(metrics, checks)).start()) {
 *     URI metricsUrl = server.urls().get(0).resolve("/metrics");
 * }
 * }</pre>
 */
public interface ObserveServer extends AutoCloseable {

    /** Listeners for these URLs; nothing is bound until {@link #start()}. */
    static ObserveServer create(ObserveServerConfig config, ObserveEndpoints endpoints) {
        return new HelidonObserveServer(config, endpoints);
    }

    /**
     * Binds every URL and starts serving. Returns this server.
     *
     * @throws IllegalStateException if a URL cannot be bound (the ones already bound are closed again), or the
     *                               server was started before
     */
    ObserveServer start();

    /** The bound URLs, in configuration order, with the real port where 0 was asked for; empty before start
     * and after close. */
    List<URI> urls();

    /** Stops every listener; idempotent. */
    @Override
    void close();
}
