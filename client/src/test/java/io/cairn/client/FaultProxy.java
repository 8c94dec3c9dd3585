package io.cairn.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A plain-HTTP proxy in front of a Cairn API server that can answer instead of it (429/503 with Retry-After, canned
 * documents), drop requests, stall them, cut every open connection, and records what passed.
 *
 * <p>It forwards with a fabric8 client built from the server's kubeconfig, so the client under test talks plain HTTP
 * to the proxy while the proxy authenticates to the server.
 */
final class FaultProxy implements AutoCloseable {
    private static final Set<String> HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            "accept-encoding", "upgrade");

    private final HttpServer server;
    private final Supplier<Config> backendConfig;
    private volatile KubernetesClient backend;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, String> canned = new ConcurrentHashMap<>();
    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
    private final Set<HttpExchange> open = ConcurrentHashMap.newKeySet();
    private final Set<InputStream> upstreams = ConcurrentHashMap.newKeySet();
    private volatile CountDownLatch stall = new CountDownLatch(1);
    private volatile boolean paused;

    record Recorded(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    enum Action { RESPOND, DROP, STALL }

    private static final class Rule {
        final String method;
        final String pathPrefix;
        final Action action;
        final int code;
        final String retryAfter;
        int remaining;

        Rule(String method, String pathPrefix, Action action, int code, String retryAfter, int times) {
            this.method = method;
            this.pathPrefix = pathPrefix;
            this.action = action;
            this.code = code;
            this.retryAfter = retryAfter;
            this.remaining = times;
        }
    }

    FaultProxy(Supplier<Config> backendConfig) {
        this.backendConfig = backendConfig;
        this.backend = new KubernetesClientBuilder().withConfig(backendConfig.get()).build();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** A transport config for the client under test: plain HTTP to this proxy. */
    Config clientTransport() {
        Config c = Config.empty();
        c.setMasterUrl("http://127.0.0.1:" + server.getAddress().getPort());
        return c;
    }

    /** Answers the next {@code times} matching requests with {@code code} (and Retry-After when not null). */
    void respond(String method, String pathPrefix, int times, int code, String retryAfter) {
        rules.add(new Rule(method, pathPrefix, Action.RESPOND, code, retryAfter, times));
    }

    /** Closes the connection of the next {@code times} matching requests without an answer. */
    void drop(String method, String pathPrefix, int times) {
        rules.add(new Rule(method, pathPrefix, Action.DROP, 0, null, times));
    }

    /** Holds the next matching request until {@link #close()} or {@link #killConnections()}. */
    void stall(String method, String pathPrefix) {
        rules.add(new Rule(method, pathPrefix, Action.STALL, 0, null, 1));
    }

    /** Serves {@code body} (JSON) for GET {@code pathAndQuery} instead of forwarding. */
    void serve(String pathAndQuery, String body) {
        canned.put(pathAndQuery, body);
    }

    /** While paused, every request gets a 503 without Retry-After. */
    void pause(boolean paused) {
        this.paused = paused;
    }

    /** Re-reads the backend's address (after the API server moved to a new port). */
    void retarget() {
        KubernetesClient old = backend;
        backend = new KubernetesClientBuilder().withConfig(backendConfig.get()).build();
        old.close();
    }

    /** Cuts every open connection (watches included) and releases stalled requests. */
    void killConnections() {
        for (InputStream in : upstreams) {
            try {
                in.close();
            } catch (IOException | RuntimeException ignored) {
                // already gone
            }
        }
        for (HttpExchange ex : open) {
            ex.close();
        }
        CountDownLatch s = stall;
        stall = new CountDownLatch(1);
        s.countDown();
    }

    void clearRules() {
        rules.clear();
    }

    List<Recorded> recorded() {
        return List.copyOf(recorded);
    }

    long count(String method, String pathPrefix) {
        return recorded.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).count();
    }

    void clearRecorded() {
        recorded.clear();
    }

    @Override
    public void close() {
        killConnections();
        server.stop(0);
        backend.close();
    }

    private Rule match(String method, String path) {
        synchronized (rules) {
            for (Rule r : rules) {
                if (r.remaining > 0 && (r.method == null || r.method.equals(method))
                        && path.startsWith(r.pathPrefix)) {
                    r.remaining--;
                    return r;
                }
            }
        }
        return null;
    }

    private void handle(HttpExchange ex) throws IOException {
        open.add(ex);
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().toString();
            recorded.add(new Recorded(method, path, Map.copyOf(ex.getRequestHeaders())));
            byte[] body = ex.getRequestBody().readAllBytes();
            if (canned.containsKey(path)) {
                send(ex, 200, null, canned.get(path));
                return;
            }
            if (paused) {
                send(ex, 503, null, status(503, "ServiceUnavailable"));
                return;
            }
            Rule rule = match(method, path);
            if (rule != null) {
                switch (rule.action) {
                    case RESPOND -> {
                        send(ex, rule.code, rule.retryAfter, status(rule.code,
                                rule.code == 429 ? "TooManyRequests" : "ServiceUnavailable"));
                        return;
                    }
                    case DROP -> {
                        ex.close();
                        return;
                    }
                    case STALL -> {
                        try {
                            stall.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        ex.close();
                        return;
                    }
                }
            }
            forward(ex, method, path, body);
        } finally {
            open.remove(ex);
        }
    }

    private void forward(HttpExchange ex, String method, String path, byte[] body) throws IOException {
        KubernetesClient b = backend;
        String base = b.getConfiguration().getMasterUrl().replaceAll("/$", "");
        HttpRequest.Builder rb = b.getHttpClient().newHttpRequestBuilder().uri(base + path);
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase())) {
                vs.forEach(v -> rb.header(k, v));
            }
        });
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0 || !method.equals("GET")) {
            rb.method(method, ct == null ? "application/json" : ct, new String(body, StandardCharsets.UTF_8));
        }
        if (path.contains("watch=true")) {
            rb.forStreaming();
        }
        HttpResponse<InputStream> resp;
        try {
            resp = b.getHttpClient().sendAsync(rb.build(), InputStream.class).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            ex.close();
            return;
        }
        InputStream in = resp.body();
        upstreams.add(in);
        try {
            resp.headers().forEach((k, vs) -> {
                if (!HOP.contains(k.toLowerCase())) {
                    ex.getResponseHeaders().put(k, vs);
                }
            });
            ex.sendResponseHeaders(resp.code(), resp.code() == 204 ? -1 : 0);
            OutputStream out = ex.getResponseBody();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            out.close();
        } catch (IOException e) {
            ex.close();
        } finally {
            upstreams.remove(in);
            in.close();
        }
    }

    private static void send(HttpExchange ex, int code, String retryAfter, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            ex.getResponseHeaders().set("Retry-After", retryAfter);
        }
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    private static String status(int code, String reason) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
                + reason + " (injected)\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
    }
}
