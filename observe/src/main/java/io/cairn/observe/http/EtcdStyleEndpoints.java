package io.cairn.observe.http;

import io.cairn.observe.health.HealthChecks;
import io.cairn.observe.health.HealthQuery;
import io.cairn.observe.health.HealthResult;
import io.cairn.observe.health.Probe;
import io.cairn.observe.health.ProbeReport;
import io.cairn.observe.metrics.Exposition;
import io.cairn.observe.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ObserveEndpoints} answering byte for byte as etcd's HTTP handlers do (Go's {@code http.Error} adds a
 * newline to error bodies and marks them {@code nosniff}).
 */
final class EtcdStyleEndpoints implements ObserveEndpoints {

    private final Metrics metrics;
    private final HealthChecks checks;

    EtcdStyleEndpoints(Metrics metrics, HealthChecks checks) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    @Override
    public EndpointResponse handle(EndpointRequest request) {
        String path = request.path();
        if (path.equals("/metrics")) {
            return isRead(request) ? metrics(request) : methodNotAllowed();
        }
        if (path.equals("/health")) {
            return isGet(request) ? health(request) : methodNotAllowed();
        }
        for (Probe probe : Probe.values()) {
            String root = "/" + probe.pathName();
            if (path.equals(root) || path.startsWith(root + "/")) {
                return isGet(request) ? probe(probe, path.substring(root.length()), request) : methodNotAllowed();
            }
        }
        return notFound();
    }

    private EndpointResponse metrics(EndpointRequest request) {
        Exposition exposition = metrics.scrape(request.accept());
        ByteArrayOutputStream body = new ByteArrayOutputStream(exposition.length());
        try {
            exposition.writeTo(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new EndpointResponse(200, exposition.contentType(), Map.of(), body.toByteArray());
    }

    private EndpointResponse health(EndpointRequest request) {
        HealthResult result = checks.health(query(request));
        String json = HealthJson.render(result);
        return result.healthy()
                ? EndpointResponse.text(200, json)
                : EndpointResponse.text(503, json + "\n");
    }

    private EndpointResponse probe(Probe probe, String subPath, EndpointRequest request) {
        HealthQuery query = query(request);
        Optional<ProbeReport> report = subPath.isEmpty() || subPath.equals("/")
                ? Optional.of(checks.probe(probe, query))
                : checks.probe(probe, subPath.substring(1), query);
        if (report.isEmpty()) {
            return notFound();
        }
        if (!report.get().healthy()) {
            return EndpointResponse.text(503, report.get().details() + "\n");
        }
        return EndpointResponse.text(200, (query.verbose() ? report.get().details() : "") + "ok\n");
    }

    private static HealthQuery query(EndpointRequest request) {
        Set<String> excluded = new HashSet<>();
        for (String value : request.queryValues("exclude")) {
            if (!value.isEmpty()) {
                excluded.add(value);
            }
        }
        boolean serializable = request.queryValues("serializable").stream().findFirst().orElse("").equals("true");
        return new HealthQuery(excluded, serializable, request.hasQuery("verbose"));
    }

    private static boolean isGet(EndpointRequest request) {
        return request.method().equals("GET");
    }

    private static boolean isRead(EndpointRequest request) {
        return isGet(request) || request.method().equals("HEAD");
    }

    private static EndpointResponse methodNotAllowed() {
        EndpointResponse plain = EndpointResponse.text(405, "Method Not Allowed\n");
        return new EndpointResponse(405, plain.contentType(),
                Map.of("Allow", "GET", "X-Content-Type-Options", "nosniff"), plain.body());
    }

    private static EndpointResponse notFound() {
        return EndpointResponse.text(404, "404 page not found\n");
    }
}
