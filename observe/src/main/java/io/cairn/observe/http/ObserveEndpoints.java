package io.cairn.observe.http;

import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.metrics.Metrics;

/**
 * The observe HTTP surface as a function from request to response.
 *
 * <p>Why: the same answers are served on the observe listeners and on any port a component already runs, without
 * either knowing the other's HTTP server. The paths and bodies are etcd's:
 * <ul>
 *   <li>{@code GET /metrics}: the registry, in text format 0.0.4 or OpenMetrics by the {@code Accept} header;</li>
 *   <li>{@code GET /health[?exclude=ALARM][&serializable=true]}: {@code {"health":"true","reason":""}} with 200, or
 *       {@code {"health":"false","reason":"..."}} with 503;</li>
 *   <li>{@code GET /livez}, {@code /readyz} {@code [?exclude=check][&verbose]}, and {@code /livez/<check>},
 *       {@code /readyz/<check>}: {@code ok} with 200 ({@code [+]check ok} lines first when verbose), or the
 *       {@code [-]check failed: reason} lines with 503;</li>
 *   <li>another method on these paths: 405 with {@code Allow: GET}; any other path: 404.</li>
 * </ul>
 */
public interface ObserveEndpoints {

    /** Endpoints serving this registry and these checks. */
    static ObserveEndpoints create(Metrics metrics, HealthChecks checks) {
        return new EtcdStyleEndpoints(metrics, checks);
    }

    /** Answers one request; never throws for a bad request (it gets a 4xx response). */
    EndpointResponse handle(EndpointRequest request);
}
