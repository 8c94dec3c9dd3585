package io.cairn.client;

/**
 * One object: its type, namespace ({@code ""} when cluster-scoped) and name.
 *
 * <p>Why: get, update and delete address the same thing; one value keeps the three in step.
 */
public record ObjectRef(ResourceType type, String namespace, String name) {

    /** Validates the parts. */
    public ObjectRef {
        if (type == null || name == null || name.isEmpty()) {
            throw new IllegalArgumentException("type and name are required");
        }
        namespace = namespace == null ? "" : namespace;
        if (type.namespaced() && namespace.isEmpty()) {
            throw new IllegalArgumentException(type.plural() + " are namespaced: a namespace is required");
        }
    }

    /** The object's URL path. */
    public String path() {
        return type.collectionPath(namespace) + "/" + name;
    }

    @Override
    public String toString() {
        return type.plural() + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
    }
}
