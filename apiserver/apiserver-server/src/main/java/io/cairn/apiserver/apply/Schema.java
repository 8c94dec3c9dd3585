package io.cairn.apiserver.apply;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The shape of one node of an object as server-side apply sees it: a struct, a map, a list or a scalar, whether it is
 * atomic, and for lists how elements are identified.
 *
 * <p>Why an interface: the built-in kinds take their shapes from the model classes and the {@code +listType} tags
 * (see {@link ObjectShapes#builtIn()}); custom resources take them from their schema's {@code x-kubernetes-list-type},
 * {@code x-kubernetes-list-map-keys}, {@code x-kubernetes-map-type}, so both plug in here.
 */
public interface Schema {

    /** What the node is. {@code UNTYPED} nodes are read from their JSON: objects as maps, arrays as atomic lists. */
    enum Kind { STRUCT, MAP, LIST, SCALAR, UNTYPED }

    /** A schema that knows nothing: everything is deduced from the values. */
    Schema UNTYPED = new Schema() {
        @Override
        public Kind kind() {
            return Kind.UNTYPED;
        }

        @Override
        public Schema field(String name) {
            return this;
        }

        @Override
        public Schema element() {
            return this;
        }
    };

    Kind kind();

    /** Whether the node is replaced as a whole (atomic list, {@code mapType=atomic}, {@code structType=atomic}). */
    default boolean atomic() {
        return false;
    }

    /** For an associative list ({@code listType=map}): its key fields, else empty. */
    default List<String> keys() {
        return List.of();
    }

    /** Defaults of key fields, used when an element omits them (ports' {@code protocol: TCP}). */
    default Map<String, JsonNode> keyDefaults() {
        return Map.of();
    }

    /** For a list: whether it is a set of scalars ({@code listType=set}). */
    default boolean set() {
        return false;
    }

    /** Whether a struct declares this field (map entries and unknown fields are not declared). */
    default boolean declares(String name) {
        return false;
    }

    /**
     * Whether a struct's field is present in the JSON of the type's zero value (a non-pointer struct, a slice or map
     * without omitempty): creating it does not make its creator own the node itself.
     */
    default boolean inZeroValue(String field) {
        return false;
    }

    /** The schema of a struct field or of a map's values. */
    Schema field(String name);

    /** The schema of a list's elements. */
    Schema element();
}
