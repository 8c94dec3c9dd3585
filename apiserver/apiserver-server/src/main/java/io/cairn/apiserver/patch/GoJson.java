package io.cairn.apiserver.patch;

import tools.jackson.databind.JsonNode;

/**
 * The names Go's JSON decoder uses for JSON value kinds in its error messages.
 *
 * <p>Why: kube answers an undecodable patch with the decoder's text, e.g. {@code json: cannot unmarshal object into
 * Go value of type jsonpatch.Patch}.
 */
final class GoJson {

    private GoJson() {
    }

    /** {@code object}, {@code array}, {@code string}, {@code number}, {@code bool} or {@code null}. */
    static String kind(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        return "null";
    }
}
