package io.cairn.apiserver.apply;

import io.cairn.apiserver.resource.ResourceType;
import java.util.List;

/**
 * The fields managedFields never records, and those a write cannot change.
 *
 * <p>Why: kube strips type and identity metadata from every set ({@code apiVersion}, {@code kind}, the
 * {@code metadata} node itself, {@code metadata.name}, {@code namespace}, {@code uid}, {@code resourceVersion},
 * {@code generation}, {@code creationTimestamp}, {@code selfLink}, {@code managedFields}), since the server owns
 * them; a write to the main resource of a kind with a status subresource cannot change {@code status}, and a write to
 * the status subresource can change nothing else, so those fields are not claimed either.
 */
final class TrackedFields {
    private static final List<List<String>> STRIPPED = List.of(
            List.of("f:apiVersion"), List.of("f:kind"), List.of("f:metadata"),
            List.of("f:metadata", "f:name"), List.of("f:metadata", "f:namespace"),
            List.of("f:metadata", "f:creationTimestamp"), List.of("f:metadata", "f:selfLink"),
            List.of("f:metadata", "f:uid"), List.of("f:metadata", "f:clusterName"),
            List.of("f:metadata", "f:generation"), List.of("f:metadata", "f:managedFields"),
            List.of("f:metadata", "f:resourceVersion"));
    private static final List<String> STATUS = List.of("f:status");

    private TrackedFields() {
    }

    static FieldSet of(ResourceType t, String subresource, FieldSet fields) {
        FieldSet out = fields.withoutSubtrees(List.of(List.of("f:metadata", "f:managedFields")));
        for (List<String> p : STRIPPED) {
            FieldSet one = new FieldSet();
            one.insert(p);
            out = out.difference(one);
        }
        if (subresource.equals("status")) {
            return out.onlySubtree(STATUS);
        }
        if (subresource.isEmpty() && t.has("status")) {
            return out.withoutSubtrees(List.of(STATUS));
        }
        return out;
    }
}
