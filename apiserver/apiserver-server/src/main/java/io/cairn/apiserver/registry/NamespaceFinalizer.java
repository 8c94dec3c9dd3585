package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceCatalog;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.StatusException;
import io.cairn.apiserver.store.Entry;
import io.cairn.apiserver.store.ObjectStore;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The namespace controller's job: empties terminating namespaces, then removes them.
 *
 * <p>Why: kube-apiserver only marks a deleted namespace Terminating; kube-controller-manager deletes its content
 * and clears the {@code kubernetes} finalizer. Cairn has no controller manager yet, so the API server does it.
 * One pass is {@link #runOnce()}; the server calls it periodically.
 */
public final class NamespaceFinalizer {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceFinalizer.class);
    private final ObjectStore store;
    private final Registry registry;
    private final ResourceCatalog catalog;
    private final ResourceType namespaces;

    public NamespaceFinalizer(ObjectStore store, Registry registry, ResourceCatalog catalog) {
        this.store = store;
        this.registry = registry;
        this.catalog = catalog;
        this.namespaces = catalog.find("", "v1", "namespaces").orElseThrow();
    }

    /** Finalizes every terminating namespace whose content is gone; deletes content of the others. */
    public void runOnce() {
        for (Entry e : store.list(registry.keys().list(namespaces, ""), registry.keys().list(namespaces, ""), 0, 0)
                .entries()) {
            ObjectNode ns = ObjectCodec.decode(e);
            if (!ns.path("metadata").has("deletionTimestamp")) {
                continue;
            }
            String name = ns.path("metadata").path("name").asString("");
            try {
                if (empty(name)) {
                    OptionalLong done = store.delete(e.key(), e.modRevision());
                    if (done.isPresent()) {
                        LOG.info("namespace {} finalized", name);
                    }
                }
            } catch (StatusException ex) {
                LOG.debug("finalizing namespace {}", name, ex);
            }
        }
    }

    private boolean empty(String ns) {
        boolean empty = true;
        for (ResourceType t : catalog.all()) {
            if (!t.namespaced()) {
                continue;
            }
            String prefix = registry.keys().list(t, ns);
            List<Entry> left = store.list(prefix, prefix, 0, 0).entries();
            for (Entry e : left) {
                empty = false;
                String name = e.key().substring(prefix.length());
                try {
                    registry.delete(t, ns, name, Preconditions.NONE, false);
                } catch (StatusException ex) {
                    if (ex.code() != 404) {
                        LOG.debug("deleting {} in terminating namespace {}", e.key(), ns, ex);
                    }
                }
            }
        }
        return empty;
    }
}
