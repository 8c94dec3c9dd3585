package io.cairn.apiserver.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a JSON Patch (RFC 6902) the way kube-apiserver does.
 *
 * <p>Why: {@code kubectl patch --type=json}, client-java and fabric8 send JSON Patch documents and expect kube's
 * outcome. Kube uses evanphx/json-patch v4, whose behaviour Cairn follows where it departs from the RFC: a
 * {@code replace} of an absent object member adds it; negative array indexes count from the end; {@code add} and
 * {@code remove} at the root pointer {@code ""} fail, while {@code replace} there swaps in an object or array. Paths
 * must be {@code ""} or start with {@code /}. The input tree is never modified.
 */
public final class JsonPatch {

    /** kube-apiserver refuses patches with more operations than this (413 RequestEntityTooLarge). */
    public static final int MAX_OPERATIONS = 10_000;

    private JsonNode document;

    private JsonPatch(JsonNode document) {
        this.document = document;
    }

    /**
     * The result of applying every operation of {@code patchArray} in order to a copy of {@code target}.
     *
     * @throws PatchException when the patch does not decode (kube: 400) or an operation does not apply (kube: 422);
     *     see {@link PatchException#httpStatus()}
     */
    public static JsonNode apply(JsonNode target, JsonNode patchArray) throws PatchException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(patchArray, "patchArray");
        List<PatchOperation> operations = decode(patchArray);
        JsonPatch patch = new JsonPatch(target.deepCopy());
        for (PatchOperation operation : operations) {
            patch.apply(operation);
        }
        return patch.document;
    }

    private static List<PatchOperation> decode(JsonNode patchArray) throws PatchException {
        if (patchArray.isNull()) {
            return List.of();
        }
        if (!patchArray.isArray()) {
            throw PatchException.undecodable("json: cannot unmarshal " + GoJson.kind(patchArray)
                    + " into Go value of type jsonpatch.Patch");
        }
        List<PatchOperation> operations = new ArrayList<>(patchArray.size());
        for (JsonNode element : patchArray.values()) {
            operations.add(PatchOperation.decode(element));
        }
        return operations;
    }

    private void apply(PatchOperation operation) throws PatchException {
        switch (operation) {
            case PatchOperation.Add(String path, JsonNode value) -> add(path, value.deepCopy(), "add");
            case PatchOperation.Remove(String path) -> remove(path, "remove");
            case PatchOperation.Replace(String path, JsonNode value) -> replace(path, value.deepCopy());
            case PatchOperation.Move(String from, String path) -> move(from, path);
            case PatchOperation.Copy(String from, String path) -> copy(from, path);
            case PatchOperation.Test(String path, JsonNode value) -> test(path, value);
        }
    }

    private Location parent(String path, String operation) throws PatchException {
        return Location.resolve(document, path).orElseThrow(() -> PatchException.notApplicable(
                operation + " operation does not apply: doc is missing path: \"" + path + "\": missing value"));
    }

    private void add(String path, JsonNode value, String operation) throws PatchException {
        Location at = parent(path, operation);
        if (at.container() instanceof ObjectNode object) {
            object.set(at.key(), value);
        } else {
            ArrayNode array = (ArrayNode) at.container();
            array.insert(at.insertionIndex(array, path), value);
        }
    }

    private JsonNode remove(String path, String operation) throws PatchException {
        Location at = parent(path, operation);
        if (at.container() instanceof ObjectNode object) {
            JsonNode removed = object.remove(at.key());
            if (removed == null) {
                throw PatchException.notApplicable("error in " + operation + " for path: '" + path
                        + "': Unable to remove nonexistent key: " + at.key() + ": missing value");
            }
            return removed;
        }
        ArrayNode array = (ArrayNode) at.container();
        try {
            return array.remove(at.existingIndex(array));
        } catch (PatchException e) {
            throw PatchException.notApplicable("error in " + operation + " for path: '" + path + "': "
                    + e.getMessage());
        }
    }

    private void replace(String path, JsonNode value) throws PatchException {
        if (path.isEmpty()) {
            if (!value.isContainer()) {
                throw PatchException.notApplicable("replace operation value must be object or array");
            }
            document = value;
            return;
        }
        Location at = Location.resolve(document, path).orElseThrow(() -> PatchException.notApplicable(
                "replace operation does not apply: doc is missing path: " + path + ": missing value"));
        if (at.container() instanceof ObjectNode object) {
            object.set(at.key(), value);
        } else {
            ArrayNode array = (ArrayNode) at.container();
            int index;
            try {
                index = at.existingIndex(array);
            } catch (PatchException e) {
                throw PatchException.notApplicable("replace operation does not apply: doc is missing key: " + path
                        + ": missing value");
            }
            array.set(index, value);
        }
    }

    private void move(String from, String path) throws PatchException {
        Location.resolve(document, from).orElseThrow(() -> PatchException.notApplicable(
                "move operation does not apply: doc is missing from path: " + from + ": missing value"));
        JsonNode value = remove(from, "move");
        if (Location.resolve(document, path).isEmpty()) {
            throw PatchException.notApplicable(
                    "move operation does not apply: doc is missing destination path: " + path + ": missing value");
        }
        add(path, value, "move");
    }

    private void copy(String from, String path) throws PatchException {
        Location source = Location.resolve(document, from).orElseThrow(() -> PatchException.notApplicable(
                "copy operation does not apply: doc is missing from path: " + from + ": missing value"));
        Optional<JsonNode> value = valueAt(source, "error in copy for from: '" + from + "': ");
        if (value.isEmpty()) {
            throw PatchException.notApplicable(
                    "copy operation does not apply: doc is missing from path: " + from + ": missing value");
        }
        if (Location.resolve(document, path).isEmpty()) {
            throw PatchException.notApplicable(
                    "copy operation does not apply: doc is missing destination path: " + path + ": missing value");
        }
        add(path, value.get().deepCopy(), "copy");
    }

    private void test(String path, JsonNode expected) throws PatchException {
        Optional<JsonNode> actual;
        if (path.isEmpty()) {
            actual = Optional.of(document);
        } else {
            Location at = Location.resolve(document, path).orElseThrow(() -> PatchException.notApplicable(
                    "test operation does not apply: is missing path: " + path + ": missing value"));
            actual = valueAt(at, "error in test for path: '" + path + "': ");
        }
        if (actual.isEmpty() || !JsonValues.equal(actual.get(), expected)) {
            throw PatchException.notApplicable("testing value " + path + " failed: test failed");
        }
    }

    private static Optional<JsonNode> valueAt(Location at, String context) throws PatchException {
        try {
            return at.value();
        } catch (PatchException e) {
            throw PatchException.notApplicable(context + e.getMessage());
        }
    }
}
