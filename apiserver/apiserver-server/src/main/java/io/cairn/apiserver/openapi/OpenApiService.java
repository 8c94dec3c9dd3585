package io.cairn.apiserver.openapi;

import io.cairn.apiserver.resource.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents of the served group-versions: the index ({@code /openapi/v3}) and one document per
 * group-version ({@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/apps/v1}), generated on first use and cached
 * until {@link #invalidate()}.
 *
 * <p>Why: kubectl's default validation of {@code apply -f} and {@code create -f}, its choice of patch type for
 * client-side apply, and {@code kubectl explain} all read these documents. Each is built from the served kinds of
 * catalog at the time of building: built-in kinds through client-java's model classes, other kinds through the
 * added {@link KindSchemaSource}s.
 */
public final class OpenApiService {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PATCH_DESCRIPTION = "A patch document: a JSON Patch, a JSON merge patch, a strategic"
            + " merge patch or an apply configuration, as the request's Content-Type says.";

    private final Supplier<List<ResourceType>> served;
    private final List<KindSchemaSource> sources;
    private final Map<String, ObjectNode> common;
    private final Map<String, ObjectNode> scale;
    private final AtomicReference<Cache> cache = new AtomicReference<>(new Cache());

    private OpenApiService(Supplier<List<ResourceType>> served, List<KindSchemaSource> sources, Map<String, ObjectNode> common,
                           Map<String, ObjectNode> scale) {
        this.served = served;
        this.sources = sources;
        this.common = common;
        this.scale = scale;
    }

    /**
     * A service over the served kinds ({@code served} is asked each time documents are built, e.g.
     * {@code catalog::all}): built-in kinds are described from client-java's models, custom kinds from their
     * definition's schema ({@link ResourceType#custom()}), then each of {@code more} is asked in order for the kinds
     * that are left.
     */
    public static OpenApiService create(Supplier<List<ResourceType>> served, List<KindSchemaSource> more) {
        ModelSchemas models = new ModelSchemas(new DefinitionNames(), PatchExtensions.kubernetes(),
                ListTypes.kubernetes());
        List<KindSchemaSource> sources = new ArrayList<>();
        sources.add(new ModelKindSchemas(models));
        sources.add(new CustomKindSchemas(models));
        sources.addAll(more);
        Map<String, ObjectNode> common = new TreeMap<>();
        models.addTo(ModelSchemas.model("V1DeleteOptions").orElseThrow(), common);
        String status = models.addTo(ModelSchemas.model("V1Status").orElseThrow(), common);
        common.get(status).set("x-kubernetes-group-version-kind",
                F.arrayNode().add(ModelKindSchemas.gvk("", "v1", "Status")));
        common.put(ResourcePaths.PATCH, F.objectNode().put("description", PATCH_DESCRIPTION).put("type", "object"));
        Map<String, ObjectNode> scale = new TreeMap<>();
        String s = models.addTo(ModelSchemas.model("V1Scale").orElseThrow(), scale);
        scale.get(s).set("x-kubernetes-group-version-kind",
                F.arrayNode().add(ModelKindSchemas.gvk("autoscaling", "v1", "Scale")));
        return new OpenApiService(served, List.copyOf(sources), common, scale);
    }

    /** The index: every served group-version with the URL of its document, hash included. */
    public OpenApiDocument index() {
        Cache c = cache.get();
        OpenApiDocument index = c.index;
        if (index == null) {
            ObjectNode paths = F.objectNode();
            for (String gv : groupVersionPaths().keySet()) {
                paths.putObject(gv).put("serverRelativeURL", serverRelativeUrl(gv, document(c, gv).hash()));
            }
            ObjectNode doc = F.objectNode();
            doc.set("paths", paths);
            index = encode(doc);
            c.index = index;
        }
        return index;
    }

    /** The document of a served group-version, named as in the index ({@code api/v1}, {@code apis/apps/v1}). */
    public Optional<OpenApiDocument> groupVersion(String path) {
        if (!groupVersionPaths().containsKey(path)) {
            return Optional.empty();
        }
        return Optional.of(document(cache.get(), path));
    }

    /** {@code /openapi/v3/<gv>?hash=<hash>}: the URL the index gives for a document. */
    public static String serverRelativeUrl(String groupVersionPath, String hash) {
        return "/openapi/v3/" + groupVersionPath + "?hash=" + hash;
    }

    /**
     * Drops every cached document; the next request rebuilds from the catalog and the sources as they are then. Call
     * after the served kinds or their schemas change (a custom resource definition added, changed or removed).
     */
    public void invalidate() {
        cache.set(new Cache());
    }

    private OpenApiDocument document(Cache c, String path) {
        return c.documents.computeIfAbsent(path, p -> {
            List<ResourceType> types = groupVersionPaths().getOrDefault(p, List.of());
            return encode(GroupVersionDocument.build(types, sources, common, scale));
        });
    }

    /** The served kinds by document path, in the index's (sorted) order. */
    private Map<String, List<ResourceType>> groupVersionPaths() {
        Map<String, List<ResourceType>> byPath = new TreeMap<>();
        for (ResourceType t : served.get()) {
            String path = t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
            byPath.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
        }
        return byPath;
    }

    private static OpenApiDocument encode(ObjectNode doc) {
        byte[] json = JSON.writeValueAsBytes(doc);
        return new OpenApiDocument(json, hash(json));
    }

    /** Upper-case hex of the SHA-512 of the bytes, as kube-openapi hashes its documents. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    /** One generation of cached documents; {@link #invalidate()} replaces it whole. */
    private static final class Cache {
        final ConcurrentMap<String, OpenApiDocument> documents = new ConcurrentHashMap<>();
        volatile OpenApiDocument index;
    }
}
