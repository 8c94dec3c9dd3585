package io.cairn.apiserver.crd;

import io.cairn.apiserver.registry.Preconditions;
import io.cairn.apiserver.registry.Registry;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.store.Entry;
import io.cairn.apiserver.store.ObjectStore;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The finalizer job of deleted definitions: deletes every custom resource of a terminating definition, then removes
 * the {@code customresourcecleanup.apiextensions.k8s.io} finalizer so the definition goes too.
 *
 * <p>Why: kube's apiextensions finalizing controller does this; a definition must not disappear while its resources
 * are still stored, or a later definition of the same name would serve them again. One pass is {@link #runOnce()}.
 */
final class DefinitionCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionCleanup.class);
    private final ObjectStore store;
    private final Registry registry;
    private final ResourceType definitions;
    private final DefinitionIndex index;
    private final DefinitionStatus status;

    DefinitionCleanup(ObjectStore store, Registry registry, ResourceType definitions, DefinitionIndex index,
                      DefinitionStatus status) {
        this.store = store;
        this.registry = registry;
        this.definitions = definitions;
        this.index = index;
        this.status = status;
    }

    void runOnce() {
        for (Definition d : index.all()) {
            if (!d.deleting()) {
                continue;
            }
            try {
                if (deleteResources(d)) {
                    finish(d);
                }
            } catch (StatusException e) {
                if (e.code() != 404) {
                    LOG.debug("cleaning up definition {}", d.name(), e);
                }
            }
        }
    }

    /** Deletes what is left; answers whether nothing was left. */
    private boolean deleteResources(Definition d) {
        List<ResourceType> types = d.types();
        if (types.isEmpty()) {
            return true;
        }
        ResourceType t = types.getFirst();
        String prefix = registry.keys().list(t, "");
        List<Entry> left = store.list(prefix, prefix, 0, 0).entries();
        if (left.isEmpty()) {
            return true;
        }
        markInProgress(d);
        for (Entry e : left) {
            String rest = e.key().substring(prefix.length());
            int slash = rest.indexOf('/');
            String ns = t.namespaced() && slash > 0 ? rest.substring(0, slash) : "";
            String name = t.namespaced() && slash > 0 ? rest.substring(slash + 1) : rest;
            try {
                registry.delete(t, ns, name, Preconditions.NONE, false);
            } catch (StatusException ex) {
                if (ex.code() != 404) {
                    LOG.debug("deleting {} of definition {}", e.key(), d.name(), ex);
                }
            }
        }
        return false;
    }

    private void markInProgress(Definition d) {
        registry.patch(definitions, "", d.name(), "status", crd -> {
            status.setCondition(crd, "Terminating", "True", "InstanceDeletionInProgress",
                    "CustomResource deletion is in progress");
            return crd;
        }, false);
    }

    private void finish(Definition d) {
        registry.patch(definitions, "", d.name(), "", crd -> {
            JsonNode finalizers = crd.path("metadata").path("finalizers");
            if (finalizers instanceof ArrayNode list) {
                ArrayNode kept = list.arrayNode();
                list.forEach(f -> {
                    if (!f.asString("").equals(Definition.CLEANUP_FINALIZER)) {
                        kept.add(f);
                    }
                });
                ((ObjectNode) crd.get("metadata")).set("finalizers", kept);
            }
            return crd;
        }, false);
        LOG.info("custom resources of {} deleted; definition removed", d.name());
    }
}
