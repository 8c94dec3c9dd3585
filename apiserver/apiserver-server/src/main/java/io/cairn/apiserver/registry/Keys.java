package io.cairn.apiserver.registry;

import io.cairn.apiserver.resource.ResourceType;

/**
 * kube-apiserver's key layout: {@code <prefix>/<resource>/<namespace>/<name>} and {@code <prefix>/<resource>/<name>}.
 *
 * <p>Why: the same keys as kube-apiserver (with its renamed prefixes, e.g. nodes under {@code minions}) mean tools
 * that read a Kubernetes store (etcdctl get --prefix /registry) see what they expect.
 */
public final class Keys {
    private final String prefix;

    public Keys(String prefix) {
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** The key of one object. */
    public String object(ResourceType t, String namespace, String name) {
        return t.namespaced() ? prefix + "/" + t.storageName() + "/" + namespace + "/" + name
                : prefix + "/" + t.storageName() + "/" + name;
    }

    /** The prefix of a list: one namespace, or every namespace when {@code namespace} is empty. */
    public String list(ResourceType t, String namespace) {
        return t.namespaced() && !namespace.isEmpty() ? prefix + "/" + t.storageName() + "/" + namespace + "/"
                : prefix + "/" + t.storageName() + "/";
    }

    /** The prefix all objects share. */
    public String root() {
        return prefix + "/";
    }
}
