package io.cairn.apiserver.patch;

import tools.jackson.databind.JsonNode;

/**
 * One decoded JSON Patch operation.
 *
 * <p>Why sealed: RFC 6902 has exactly six operations; the applier handles each with an exhaustive switch.
 */
sealed interface PatchOperation {

    /** The target location, a JSON Pointer. */
    String path();

    /** Adds or inserts {@code value} at {@code path}. */
    record Add(String path, JsonNode value) implements PatchOperation {
    }

    /** Removes the value at {@code path}. */
    record Remove(String path) implements PatchOperation {
    }

    /** Replaces the value at {@code path}. */
    record Replace(String path, JsonNode value) implements PatchOperation {
    }

    /** Moves the value at {@code from} to {@code path}. */
    record Move(String from, String path) implements PatchOperation {
    }

    /** Copies the value at {@code from} to {@code path}. */
    record Copy(String from, String path) implements PatchOperation {
    }

    /** Fails the whole patch unless the value at {@code path} equals {@code value}. */
    record Test(String path, JsonNode value) implements PatchOperation {
    }

    /** Decodes one element of the patch array. */
    static PatchOperation decode(JsonNode element) throws PatchException {
        if (!element.isObject()) {
            throw PatchException.undecodable("json: cannot unmarshal " + GoJson.kind(element)
                    + " into Go value of type jsonpatch.Operation");
        }
        JsonNode op = element.get("op");
        String kind = op != null && op.isString() ? op.stringValue() : "unknown";
        return switch (kind) {
            case "add" -> new Add(text(element, "path", kind), value(element, kind));
            case "remove" -> new Remove(text(element, "path", kind));
            case "replace" -> new Replace(text(element, "path", kind), value(element, kind));
            case "move" -> new Move(text(element, "from", kind), text(element, "path", kind));
            case "copy" -> new Copy(text(element, "from", kind), text(element, "path", kind));
            case "test" -> new Test(text(element, "path", kind), value(element, kind));
            default -> throw PatchException.notApplicable("Unexpected kind: " + kind);
        };
    }

    private static String text(JsonNode element, String member, String kind) throws PatchException {
        JsonNode node = element.get(member);
        if (node == null || !node.isString()) {
            throw PatchException.notApplicable(kind + " operation failed to decode " + member + ": missing value");
        }
        return node.stringValue();
    }

    private static JsonNode value(JsonNode element, String kind) throws PatchException {
        JsonNode node = element.get("value");
        if (node == null) {
            throw PatchException.notApplicable(kind + " operation, missing value field: missing value");
        }
        return node;
    }
}
