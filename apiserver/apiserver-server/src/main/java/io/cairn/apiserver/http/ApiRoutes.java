package io.cairn.apiserver.http;

import io.cairn.apiserver.apply.FieldManager;
import io.cairn.apiserver.apply.ObjectShapes;
import io.cairn.apiserver.openapi.OpenApiService;
import io.cairn.apiserver.pki.AuthResult;
import io.cairn.apiserver.pki.Authenticator;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.Discovery;
import io.cairn.apiserver.resource.CustomKind;
import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.status.Statuses;
import io.cairn.apiserver.store.WatchCache;
import io.cairn.apiserver.table.TableConverter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every request's way in: authentication, then the non-resource paths (version, health, discovery), then the
 * resource handler; every failure leaves as a Status.
 *
 * <p>Why: kube-apiserver's handler chain, reduced to what Cairn serves: authentication first (anonymous requests
 * are refused), one error shape everywhere, and a server that never answers with a stack trace.
 */
public final class ApiRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private final ResourceCatalog catalog;
    private final Discovery discovery;
    private final Authenticator authenticator;
    private final ResourceHandler resources;
    private final VersionInfo version;
    private final OpenApiHandler openApi;

    public ApiRoutes(ResourceCatalog catalog, Discovery discovery, Authenticator authenticator, Registry registry,
                     WatchCache cache, Duration bookmarkInterval, long maxBody, Clock clock,
                     RandomGenerator random, OpenApiService openApi) {
        this.catalog = catalog;
        this.discovery = discovery;
        this.authenticator = authenticator;
        TableConverter tables = new TableConverter(clock);
        this.resources = new ResourceHandler(registry, tables,
                new WatchStream(cache, registry, tables, bookmarkInterval, clock, random), maxBody,
                FieldManager.create(ObjectShapes.structural((apiVersion, kind) -> catalog.byKind(apiVersion, kind)
                        .flatMap(ResourceType::custom).flatMap(CustomKind::schema))
                        .orElse(ObjectShapes.builtIn()), clock));
        this.version = new VersionInfo();
        this.openApi = new OpenApiHandler(openApi, clock);
    }

    /** Serves one request. */
    public void serve(ServerRequest req, ServerResponse res) {
        Accepts accepts = Accepts.JSON;
        try {
            authenticate(req);
            accepts = Accepts.of(req.headers().first(HeaderNames.ACCEPT).orElse(""));
            route(req, res, accepts);
        } catch (StatusException e) {
            if (!res.isSent()) {
                Wire.error(res, e);
            }
        } catch (RuntimeException e) {
            LOG.warn("request {} {} failed", req.prologue().method().text(), req.path().path(), e);
            if (!res.isSent()) {
                Wire.error(res, Statuses.internal(String.valueOf(e.getMessage())));
            }
        }
    }

    private void authenticate(ServerRequest req) {
        Optional<X509Certificate[]> certs = req.remotePeer().tlsCertificates()
                .map(cs -> Arrays.stream(cs).filter(X509Certificate.class::isInstance)
                        .map(X509Certificate.class::cast).toArray(X509Certificate[]::new))
                .filter(cs -> cs.length > 0);
        AuthResult r = authenticator.authenticate(certs, authorization(req));
        if (!(r instanceof AuthResult.Authenticated)) {
            throw Statuses.unauthorized();
        }
    }

    private static Optional<String> authorization(ServerRequest req) {
        return req.headers().contains(HeaderNames.AUTHORIZATION)
                ? Optional.of(req.headers().get(HeaderNames.AUTHORIZATION).get()) : Optional.empty();
    }

    private void route(ServerRequest req, ServerResponse res, Accepts accepts) {
        String path = req.path().path();
        String method = req.prologue().method().text();
        switch (path) {
            case "/version", "/version/" -> {
                Wire.send(res, 200, version.json(), Accepts.JSON);
                return;
            }
            case "/healthz", "/livez", "/readyz" -> {
                res.status(Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
                res.send("ok");
                return;
            }
            case "/api", "/api/" -> {
                Wire.send(res, 200, discovery.coreVersions(), Accepts.JSON);
                return;
            }
            case "/apis", "/apis/" -> {
                Wire.send(res, 200, discovery.groups(), Accepts.JSON);
                return;
            }
            default -> {
                // resource and group paths below
            }
        }
        if (OpenApiHandler.handles(path)) {
            openApi.serve(req, res);
            return;
        }
        String[] seg = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
        if (seg.length == 2 && seg[0].equals("api")) {
            send(res, discovery.resources("", seg[1]));
            return;
        }
        if (seg.length == 2 && seg[0].equals("apis")) {
            send(res, discovery.group(seg[1], true));
            return;
        }
        if (seg.length == 3 && seg[0].equals("apis")) {
            send(res, discovery.resources(seg[1], seg[2]));
            return;
        }
        ResourcePath p = ResourcePath.parse(path).orElseThrow(Statuses::pathNotFound);
        ResourceType t = catalog.find(p.group(), p.version(), p.resource()).orElseThrow(Statuses::pathNotFound);
        if (method.equals("HEAD") || method.equals("OPTIONS")) {
            throw Statuses.methodNotSupported(t.group(), t.plural(), method);
        }
        resources.handle(req, res, t, p, accepts);
    }

    private static void send(ServerResponse res, Optional<ObjectNode> doc) {
        Wire.send(res, 200, doc.orElseThrow(Statuses::pathNotFound), Accepts.JSON);
    }

    /** The body of {@code /version}: Kubernetes 1.32, as kubectl's version dispatcher expects. */
    static final class VersionInfo {
        ObjectNode json() {
            ObjectNode v = ObjectCodec.JSON.createObjectNode();
            v.put("major", "1");
            v.put("minor", "32");
            v.put("gitVersion", "v1.32.0-cairn");
            v.put("gitCommit", "0000000000000000000000000000000000000000");
            v.put("gitTreeState", "clean");
            v.put("buildDate", "2026-11-28T00:00:00Z");
            v.put("goVersion", "java" + Runtime.version().feature());
            v.put("compiler", "cairn");
            v.put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                    + ("amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch"))
                    ? "amd64" : System.getProperty("os.arch")));
            return v;
        }
    }
}
