package io.cairn.apiserver.crd;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The structural schemas of the custom kinds being served, for the parts of the server that describe or merge
 * objects by their type (OpenAPI v3 documents, server-side apply).
 *
 * <p>Why: those parts know built-in kinds from the model classes; custom kinds only have their definition's schema,
 * which changes while the server runs.
 */
public interface CustomSchemas {
    /**
     * The {@code openAPIV3Schema} of a served custom kind, or empty when no established definition serves it.
     * The node is shared: callers must not change it.
     */
    Optional<JsonNode> schema(String group, String version, String kind);

    /** Runs {@code listener} after any definition was added, changed or removed. */
    void onChange(Runnable listener);
}
