package io.cairn.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * The server's OpenAPI v3 schemas, fetched and cached per cluster as kubectl does: the index {@code /openapi/v3}
 * names one document per group-version with a content hash in its URL ({@code serverRelativeURL}); documents are
 * cached by that URL, so when discovery changes (a new hash) the next check fetches the new document. The index is
 * re-read every {@code schemaRefresh}, and when a kind is not found in one read more than 10 s ago.
 *
 * <p>A server without {@code /openapi/v3} (404) gets no client-side check; the {@code fieldValidation=Strict} sent
 * with every write still makes it reject unknown fields.
 */
final class Schemas {
    /** How long a kind missing from a fresh index stays missing before the index is read again. */
    private static final long RECHECK_NANOS = 10_000_000_000L;

    private final KubeClusterClient client;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private volatile JsonNode index;
    private volatile long indexAt;

    Schemas(KubeClusterClient client) {
        this.client = client;
    }

    void validate(ResourceType type, JsonNode object, Deadline deadline, Map<String, String> headers) {
        Optional<Found> found = find(type, deadline, headers, false);
        if (found.isEmpty()) {
            return;
        }
        List<ClientException.FieldError> errors = new ArrayList<>();
        new SchemaValidator(found.get().document()).check(found.get().schema(), object, "", errors);
        if (!errors.isEmpty()) {
            throw new ClientException.Invalid(type.kind(), errors);
        }
    }

    private Optional<Found> find(ResourceType type, Deadline deadline, Map<String, String> headers, boolean fresh) {
        JsonNode idx = index(deadline, headers, fresh);
        JsonNode entry = idx.path("paths").path(type.groupVersionPath());
        String url = entry.path("serverRelativeURL").asString("");
        if (url.isEmpty()) {
            return fresh || !stale() ? Optional.empty() : find(type, deadline, headers, true);
        }
        JsonNode doc = documents.get(url);
        if (doc == null) {
            Response r = client.send(new Request("GET", url, null, null, headers), deadline);
            doc = client.json().readTree(r.body());
            documents.put(url, doc);
        }
        for (var e : doc.path("components").path("schemas").properties()) {
            for (JsonNode gvk : e.getValue().path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asString("").equals(type.group())
                        && gvk.path("version").asString("").equals(type.version())
                        && gvk.path("kind").asString("").equals(type.kind())) {
                    return Optional.of(new Found(doc, e.getValue()));
                }
            }
        }
        return fresh || !stale() ? Optional.empty() : find(type, deadline, headers, true);
    }

    /** Whether the index is old enough to be read again for a kind it does not list. */
    private boolean stale() {
        return client.config().ticker().nanos() - indexAt >= RECHECK_NANOS;
    }

    private JsonNode index(Deadline deadline, Map<String, String> headers, boolean fresh) {
        long now = client.config().ticker().nanos();
        JsonNode idx = index;
        if (idx != null && !fresh && now - indexAt < client.config().schemaRefresh().toNanos()) {
            return idx;
        }
        Response r = client.pipeline().send(new Request("GET", "/openapi/v3", null, null, headers), deadline);
        if (r.code() == 404) {
            idx = client.json().createObjectNode();
        } else if (r.successful()) {
            idx = client.json().readTree(r.body());
        } else {
            throw new ClientException.Status(r.code(), "OpenAPIUnavailable", "GET /openapi/v3: " + r.body());
        }
        index = idx;
        indexAt = now;
        return idx;
    }

    private record Found(JsonNode document, JsonNode schema) {
    }
}
