package io.cairn.apiserver.validation;

import java.lang.reflect.Type;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a JSON value may hold at one place of a kind: a model object with named properties, a map, a list, anything
 * (Go's {@code interface{}}) or an opaque value whose insides are not checked.
 *
 * <p>Why: strict decoding needs only this much of a type — which keys an object knows and what the values below them
 * are — and computing it once per model class keeps each request's walk cheap.
 */
sealed interface Shape {
    /** An object with fixed properties, JSON name → Java type. */
    record Model(Map<String, Type> properties) implements Shape {
    }

    /** A map from string keys to values of one type. */
    record MapOf(Type values) implements Shape {
    }

    /** A list of values of one type. */
    record ListOf(Type elements) implements Shape {
    }

    /** Any JSON; objects inside are maps, so only duplicate keys are problems. */
    record Untyped() implements Shape {
    }

    /**
     * A place described by a custom kind's structural schema: an object knows its {@code properties} (every key
     * with {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields}); the root and embedded
     * resources also know {@code apiVersion}, {@code kind} and {@code metadata}.
     */
    record Schema(JsonNode node, boolean resource) implements Shape {
    }

    /** A scalar or a value decoded by its own rules (quantities, raw JSON): nothing inside is checked. */
    record Opaque() implements Shape {
    }
}
