package io.cairn.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.opentelemetry.api.trace.Tracer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** {@link ClusterClient} over fabric8's HTTP client, with the pipeline of {@link RetryingTransport}. */
final class KubeClusterClient implements ClusterClient {
    static final Logger LOG = LoggerFactory.getLogger(KubeClusterClient.class);
    private static final String STRICT = "fieldValidation=Strict";

    private final ClientConfig config;
    private final KubernetesClient fabric8;
    private final Transport pipeline;
    private final Health health;
    private final Tracer tracer;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Schemas schemas;

    KubeClusterClient(ClientConfig config) {
        this(config, null);
    }

    /** With {@code transport} replacing fabric8's (tests of the policies without a server). */
    KubeClusterClient(ClientConfig config, Transport transport) {
        this.config = config;
        // a copy: the caller's Config stays as it was, with fabric8's retries off here so that ours decide alone
        Config c = new ConfigBuilder(config.transport()).withRequestRetryBackoffLimit(0).build();
        this.fabric8 = new KubernetesClientBuilder().withConfig(c).build();
        Transport base = transport != null ? transport
                : new Fabric8Transport(fabric8.getHttpClient(), fabric8.getConfiguration().getMasterUrl());
        this.health = new Health(config.unhealthyAfterFailures(), config.unhealthyFor(), config.ticker());
        this.pipeline = new RetryingTransport(config.name(), base,
                new TokenBucket(config.qps(), config.burst(), config.ticker()),
                new RetryBudget(config.retryBudgetTokens(), config.retryBudgetRatio()),
                new Backoff(config.retryBase(), config.retryCap(), config.random()), config.maxRetries(),
                config.metrics(), health, config.ticker(), config.clock());
        this.tracer = config.openTelemetry().getTracer("io.cairn.client");
        this.schemas = new Schemas(this);
    }

    ClientConfig config() {
        return config;
    }

    Transport pipeline() {
        return pipeline;
    }

    KubernetesSerialization serialization() {
        return fabric8.getKubernetesSerialization();
    }

    ObjectMapper json() {
        return json;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public <T extends HasMetadata> T get(ObjectRef ref, Class<T> type, Deadline deadline) {
        CallScope scope = scope("get", ref, ref.type(), ref.namespace(), false);
        try {
            T out = getWith(ref, type, deadline, scope);
            scope.finish(out.getMetadata().getResourceVersion(), null);
            return out;
        } catch (RuntimeException e) {
            scope.finish("", e);
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> List<T> list(ResourceType type, String namespace, Class<T> cls,
                                                Deadline deadline) {
        return listRaw(type, namespace, cls, deadline).items();
    }

    @Override
    public <T extends HasMetadata> T create(ResourceType type, T object, Deadline deadline) {
        ObjectRef ref = type.ref(object.getMetadata().getNamespace(), object.getMetadata().getName());
        CallScope scope = scope("create", ref, type, ref.namespace(), true);
        try {
            if (object.getApiVersion() == null || object.getKind() == null) {
                throw new IllegalArgumentException("apiVersion and kind are required");
            }
            String body = serialization().asJson(object);
            if (config.validateSchemas()) {
                schemas.validate(type, json.readTree(body), deadline, scope.headers());
            }
            scope.attempts = 1;
            Response r = send(new Request("POST", type.collectionPath(ref.namespace()) + "?" + STRICT, body,
                    "application/json", scope.headers()), deadline);
            @SuppressWarnings("unchecked")
            T out = (T) serialization().unmarshal(r.body(), object.getClass());
            scope.finish(out.getMetadata().getResourceVersion(), null);
            return out;
        } catch (RuntimeException e) {
            scope.finish("", e);
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> T update(ObjectRef ref, Class<T> type, UnaryOperator<T> mutator,
                                            Deadline deadline) {
        CallScope scope = scope("update", ref, ref.type(), ref.namespace(), true);
        Backoff backoff = new Backoff(config.conflictBase(), config.conflictBase().multipliedBy(64), config.random());
        try {
            for (int attempt = 0; ; attempt++) {
                T current = getWith(ref, type, deadline, scope);
                String rv = current.getMetadata().getResourceVersion();
                String before = serialization().asJson(current);
                T desired = mutator.apply(serialization().clone(current));
                desired.getMetadata().setResourceVersion(rv);
                String body = serialization().asJson(desired);
                if (body.equals(before)) {
                    scope.finish(rv, null);
                    return current;
                }
                if (config.validateSchemas()) {
                    schemas.validate(ref.type(), json.readTree(body), deadline, scope.headers());
                }
                scope.attempts++;
                try {
                    Response r = send(new Request("PUT", ref.path() + "?" + STRICT, body, "application/json",
                            scope.headers()), deadline);
                    T out = serialization().unmarshal(r.body(), type);
                    scope.finish(out.getMetadata().getResourceVersion(), null);
                    return out;
                } catch (ClientException.Status s) {
                    if (s.code() != 409 || attempt + 1 >= config.conflictAttempts()) {
                        throw s;
                    }
                    config.metrics().retry(config.name(), "conflict");
                    deadline.sleep(backoff.delay(attempt), "conflict backoff");
                }
            }
        } catch (RuntimeException e) {
            scope.finish("", e);
            throw e;
        }
    }

    @Override
    public void delete(ObjectRef ref, Deadline deadline) {
        CallScope scope = scope("delete", ref, ref.type(), ref.namespace(), true);
        try {
            scope.attempts = 1;
            Response r = send(new Request("DELETE", ref.path(), null, null, scope.headers()), deadline);
            String rv = json.readTree(r.body()).path("metadata").path("resourceVersion").asString("");
            scope.finish(rv, null);
        } catch (RuntimeException e) {
            scope.finish("", e);
            throw e;
        }
    }

    @Override
    public <T extends HasMetadata> WatchHandle watch(ResourceType type, String namespace, Class<T> cls,
                                                     WatchHandler<T> handler, Deadline deadline) {
        return new ResumableWatch<>(this, type, namespace, cls, handler, deadline).start();
    }

    @Override
    public <T extends HasMetadata> Informer<T> informer(ResourceType type, String namespace, Class<T> cls) {
        return new SharedInformer<>(this, type, namespace, cls);
    }

    @Override
    public void validate(ResourceType type, Object object, Deadline deadline) {
        schemas.validate(type, json.readTree(serialization().asJson(object)), deadline, Map.of());
    }

    @Override
    public boolean healthy() {
        return health.healthy();
    }

    @Override
    public void close() {
        fabric8.close();
    }

    /** A list with its resourceVersion, following {@code continue} tokens (500 per page, as kubectl). */
    <T extends HasMetadata> Listed<T> listRaw(ResourceType type, String namespace, Class<T> cls,
                                              Deadline deadline) {
        List<T> items = new ArrayList<>();
        String cont = "";
        String rv;
        do {
            String path = type.collectionPath(namespace) + "?limit=500"
                    + (cont.isEmpty() ? "" : "&continue=" + URLEncoder.encode(cont, StandardCharsets.UTF_8));
            JsonNode page = json.readTree(send(Request.get(path), deadline).body());
            rv = page.path("metadata").path("resourceVersion").asString("");
            cont = page.path("metadata").path("continue").asString("");
            for (JsonNode item : page.path("items")) {
                var o = (tools.jackson.databind.node.ObjectNode) item;
                o.put("apiVersion", type.apiVersion());
                o.put("kind", type.kind());
                items.add(serialization().unmarshal(o.toString(), cls));
            }
        } while (!cont.isEmpty());
        return new Listed<>(items, rv);
    }

    record Listed<T>(List<T> items, String resourceVersion) {
    }

    /** Sends through the pipeline; a non-2xx answer becomes a {@link ClientException.Status}. */
    Response send(Request request, Deadline deadline) {
        Response r = pipeline.send(request, deadline);
        if (!r.successful()) {
            throw status(r);
        }
        return r;
    }

    private <T extends HasMetadata> T getWith(ObjectRef ref, Class<T> type, Deadline deadline, CallScope scope) {
        Response r = send(new Request("GET", ref.path(), null, null, scope.headers()), deadline);
        return serialization().unmarshal(r.body(), type);
    }

    private CallScope scope(String verb, ObjectRef ref, ResourceType type, String namespace, boolean mutating) {
        return new CallScope(this, tracer, verb, ref, type.plural(), namespace, mutating);
    }

    private ClientException.Status status(Response r) {
        String reason = "";
        String message = r.body();
        try {
            JsonNode s = json.readTree(r.body());
            reason = s.path("reason").asString("");
            message = s.path("message").asString(message);
        } catch (RuntimeException notJson) {
            // keep the raw body
        }
        if (reason.isEmpty()) {
            reason = switch (r.code()) {
                case 404 -> "NotFound";
                case 409 -> "Conflict";
                case 429 -> "TooManyRequests";
                case 503 -> "ServiceUnavailable";
                default -> "HTTP" + r.code();
            };
        }
        return new ClientException.Status(r.code(), reason, Objects.requireNonNullElse(message, ""));
    }
}
