package io.cairn.client;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small Kubernetes for ConfigMaps on fabric8's mock web server: resourceVersions, 409 on a stale one, lists, and
 * watches from a resourceVersion with bookmarks and 410 once history is compacted. Each watch answer carries what is
 * pending and ends (the mock server cannot hold a stream open), so every watch here lives through many reconnects.
 * Faults (status answers with Retry-After) are injected as with {@link FaultProxy}.
 *
 * <p>Why: fabric8's CRUD mock lacks plain-HTTP watches, 410 and bookmarks; this keeps the conformance suite honest
 * about the client working against a server that is not Cairn.
 */
final class MockKube extends Dispatcher {
    private static final String PREFIX = "/api/v1/namespaces/";
    private final JsonMapper json = JsonMapper.builder().build();
    private final TreeMap<String, ObjectNode> objects = new TreeMap<>();
    private final List<String[]> history = new ArrayList<>();
    private final List<Object[]> rules = new CopyOnWriteArrayList<>();
    private final List<String[]> recorded = new CopyOnWriteArrayList<>();
    private long revision = 100;
    private long floor = 0;
    private volatile boolean watchesPaused;

    void respond(String method, String pathPrefix, int times, int code, String retryAfter) {
        rules.add(new Object[] {method, pathPrefix, new int[] {times}, code, retryAfter});
    }

    long count(String method, String pathPrefix) {
        return recorded.stream().filter(r -> r[0].equals(method) && r[1].startsWith(pathPrefix)).count();
    }

    void clearRecorded() {
        recorded.clear();
    }

    void pauseWatches(boolean paused) {
        watchesPaused = paused;
    }

    /** Forgets the history: a watch resumed from before now gets 410. */
    synchronized void compact() {
        floor = revision;
        history.clear();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String method = request.getMethod();
        String path = request.getPath();
        recorded.add(new String[] {method, path});
        for (Object[] r : rules) {
            int[] left = (int[]) r[2];
            synchronized (left) {
                if (left[0] > 0 && (r[0] == null || r[0].equals(method)) && path.startsWith((String) r[1])) {
                    left[0]--;
                    MockResponse resp = status((int) r[3], (int) r[3] == 429 ? "TooManyRequests" : "ServiceUnavailable",
                            "injected");
                    if (r[4] != null) {
                        resp.setHeader("Retry-After", r[4]);
                    }
                    return resp;
                }
            }
        }
        if (!path.startsWith(PREFIX)) {
            return status(404, "NotFound", "the server could not find the requested resource");
        }
        String[] pq = path.split("\\?", 2);
        Map<String, String> query = query(pq.length > 1 ? pq[1] : "");
        String[] parts = pq[0].substring(PREFIX.length()).split("/");
        if (parts.length < 2 || !parts[1].equals("configmaps")) {
            return status(404, "NotFound", "not served by this mock");
        }
        String ns = parts[0];
        String name = parts.length > 2 ? parts[2] : null;
        synchronized (this) {
            return switch (method) {
                case "GET" -> name != null ? get(ns, name) : "true".equals(query.get("watch")) ? watch(ns, query)
                        : list(ns);
                case "POST" -> create(ns, request.getUtf8Body());
                case "PUT" -> update(ns, name, request.getUtf8Body());
                case "DELETE" -> delete(ns, name);
                default -> status(405, "MethodNotAllowed", method);
            };
        }
    }

    private MockResponse get(String ns, String name) {
        ObjectNode o = objects.get(ns + "/" + name);
        return o == null ? notFound(name) : ok(200, o.toString());
    }

    private MockResponse list(String ns) {
        ObjectNode l = json.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMapList");
        l.putObject("metadata").put("resourceVersion", Long.toString(revision));
        var items = l.putArray("items");
        objects.forEach((k, v) -> {
            if (k.startsWith(ns + "/")) {
                items.add(v);
            }
        });
        return ok(200, l.toString());
    }

    private MockResponse watch(String ns, Map<String, String> query) {
        if (watchesPaused) {
            return status(503, "ServiceUnavailable", "paused");
        }
        long from = Long.parseLong(query.getOrDefault("resourceVersion", "0"));
        StringBuilder body = new StringBuilder();
        if (from < floor) {
            body.append("{\"type\":\"ERROR\",\"object\":").append(statusJson(410, "Expired",
                    "too old resource version: " + from + " (" + floor + ")")).append("}\n");
            return ok(200, body.toString());
        }
        boolean any = false;
        for (String[] e : history) {
            if (Long.parseLong(e[1]) > from && e[2].startsWith(ns + "/")) {
                body.append("{\"type\":\"").append(e[0]).append("\",\"object\":").append(e[3]).append("}\n");
                any = true;
            }
        }
        body.append("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":")
                .append("{\"resourceVersion\":\"").append(revision).append("\"}}}\n");
        MockResponse r = ok(200, body.toString());
        if (!any) {
            r.setBodyDelay(200, TimeUnit.MILLISECONDS);
        }
        return r;
    }

    private MockResponse create(String ns, String body) {
        ObjectNode o = (ObjectNode) json.readTree(body);
        String name = o.path("metadata").path("name").asString();
        if (objects.containsKey(ns + "/" + name)) {
            return status(409, "AlreadyExists", "configmaps \"" + name + "\" already exists");
        }
        ObjectNode meta = (ObjectNode) o.path("metadata");
        meta.put("namespace", ns).put("uid", UUID.randomUUID().toString());
        return write("ADDED", ns, name, o, 201);
    }

    private MockResponse update(String ns, String name, String body) {
        ObjectNode current = objects.get(ns + "/" + name);
        if (current == null) {
            return notFound(name);
        }
        ObjectNode o = (ObjectNode) json.readTree(body);
        String rv = o.path("metadata").path("resourceVersion").asString("");
        if (!rv.isEmpty() && !rv.equals(current.path("metadata").path("resourceVersion").asString())) {
            return status(409, "Conflict", "Operation cannot be fulfilled on configmaps \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try again");
        }
        return write("MODIFIED", ns, name, o, 200);
    }

    private MockResponse delete(String ns, String name) {
        ObjectNode current = objects.remove(ns + "/" + name);
        if (current == null) {
            return notFound(name);
        }
        revision++;
        ObjectNode gone = current.deepCopy();
        ((ObjectNode) gone.path("metadata")).put("resourceVersion", Long.toString(revision));
        history.add(new String[] {"DELETED", Long.toString(revision), ns + "/" + name, gone.toString()});
        return ok(200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Success\"}");
    }

    private MockResponse write(String type, String ns, String name, ObjectNode o, int code) {
        revision++;
        ((ObjectNode) o.path("metadata")).put("resourceVersion", Long.toString(revision));
        objects.put(ns + "/" + name, o);
        history.add(new String[] {type, Long.toString(revision), ns + "/" + name, o.toString()});
        return ok(code, o.toString());
    }

    private MockResponse notFound(String name) {
        return status(404, "NotFound", "configmaps \"" + name + "\" not found");
    }

    private static MockResponse ok(int code, String body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static MockResponse status(int code, String reason, String message) {
        return ok(code, statusJson(code, reason, message));
    }

    private static String statusJson(int code, String reason, String message) {
        return ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"" + message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":"
                + code + "}");
    }

    private static Map<String, String> query(String q) {
        Map<String, String> m = new HashMap<>();
        for (String p : q.split("&")) {
            if (!p.isEmpty()) {
                String[] kv = p.split("=", 2);
                m.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return m;
    }

}
