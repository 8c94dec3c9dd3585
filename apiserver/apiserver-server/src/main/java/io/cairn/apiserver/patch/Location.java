package io.cairn.apiserver.patch;

import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where a JSON Pointer lands: the container holding the target and the target's (unescaped) key in it.
 *
 * <p>Why: every operation works on "the parent and the last reference token"; resolving the parent once, the way
 * kube's JSON Patch library does (negative array indexes counting from the end, {@code ~1} and {@code ~0} escapes),
 * keeps the operations short.
 *
 * @param container the object or array that holds (or will hold) the target
 * @param key the last reference token, unescaped
 */
record Location(JsonNode container, String key) {

    private static final Pattern INDEX = Pattern.compile("[+-]?[0-9]+");

    /** The parent of a non-root pointer, or empty when the pointer is malformed or a step does not exist. */
    static Optional<Location> resolve(JsonNode root, String pointer) {
        if (!pointer.startsWith("/")) {
            return Optional.empty();
        }
        String[] tokens = pointer.split("/", -1);
        JsonNode current = root;
        for (int i = 1; i < tokens.length - 1; i++) {
            Optional<JsonNode> next = child(current, unescape(tokens[i]));
            if (next.isEmpty() || !next.get().isContainer()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(new Location(current, unescape(tokens[tokens.length - 1])));
    }

    /** The current value at this location: an object member (empty when absent) or an array element. */
    Optional<JsonNode> value() throws PatchException {
        if (container instanceof ObjectNode object) {
            return Optional.ofNullable(object.get(key));
        }
        ArrayNode array = (ArrayNode) container;
        return Optional.of(array.get(existingIndex(array)));
    }

    /** An index of an existing element, negative ones counting from the end. */
    int existingIndex(ArrayNode array) throws PatchException {
        int index = parseIndex(key).orElseThrow(() -> PatchException.notApplicable(
                "strconv.Atoi: parsing " + quote(key) + ": invalid syntax"));
        int size = array.size();
        if (index < -size || index >= size) {
            throw invalidIndex(index);
        }
        return index < 0 ? index + size : index;
    }

    /** An insertion index ({@code -} appends; negative ones count from the end of the grown array). */
    int insertionIndex(ArrayNode array, String path) throws PatchException {
        if (key.equals("-")) {
            return array.size();
        }
        int index = parseIndex(key).orElseThrow(() -> PatchException.notApplicable("error in add for path: '" + path
                + "': value was not a proper array index: '" + key + "': strconv.Atoi: parsing " + quote(key)
                + ": invalid syntax"));
        int grown = array.size() + 1;
        if (index >= grown || index < -grown) {
            throw PatchException.notApplicable("error in add for path: '" + path + "': " + invalidIndex(index)
                    .getMessage());
        }
        return index < 0 ? index + grown : index;
    }

    static PatchException invalidIndex(int index) {
        return PatchException.notApplicable("Unable to access invalid index: " + index + ": invalid index referenced");
    }

    private static Optional<JsonNode> child(JsonNode container, String token) {
        if (container.isObject()) {
            return Optional.ofNullable(container.get(token));
        }
        Optional<Integer> index = parseIndex(token);
        if (index.isEmpty()) {
            return Optional.empty();
        }
        int i = index.get() < 0 ? index.get() + container.size() : index.get();
        return i >= 0 && i < container.size() ? Optional.of(container.get(i)) : Optional.empty();
    }

    private static Optional<Integer> parseIndex(String token) {
        if (!INDEX.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(token));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
