package io.cairn.apiserver.apply;

import java.util.Optional;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Where the shapes of served kinds come from.
 *
 * <p>Why: server-side apply needs to know, for every list, map and struct of an object, how to merge it; kinds
 * compiled into Cairn answer from {@link #builtIn()}, and custom resources can answer from their schemas by putting
 * another implementation first with {@link #orElse(ObjectShapes)}.
 */
public interface ObjectShapes {

    /** The schema of a kind's objects, or empty when this source does not know the kind. */
    Optional<Schema> of(String apiVersion, String kind);

    /** The shapes of Cairn's built-in kinds: model classes plus the list and map tags of k8s.io/api 1.32. */
    static ObjectShapes builtIn() {
        return ModelShapes.INSTANCE;
    }

    /**
     * The shapes of custom kinds from their structural schemas ({@code openAPIV3Schema}), looked up by apiVersion
     * and kind each time a write needs them.
     */
    static ObjectShapes structural(BiFunction<String, String, Optional<JsonNode>> schemas) {
        return new StructuralShapes(schemas);
    }

    /** This source, and the other one for kinds this one does not know. */
    default ObjectShapes orElse(ObjectShapes other) {
        return (apiVersion, kind) -> of(apiVersion, kind).or(() -> other.of(apiVersion, kind));
    }
}
