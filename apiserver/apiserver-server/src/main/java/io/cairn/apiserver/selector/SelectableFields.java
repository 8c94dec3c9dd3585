package io.cairn.apiserver.selector;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which fields each resource allows in a field selector, and how to read them from a stored object.
 *
 * <p>Why: kube-apiserver only filters on a small per-resource set of fields (pods by {@code spec.nodeName}, events
 * by {@code involvedObject.*}, secrets by {@code type}, ...) and refuses the rest with a 400 BadRequest whose message
 * depends on whether the kind registers its own field set ({@code field label not supported: <field>}) or uses
 * the default ({@code "<field>" is not a known field selector: only "metadata.name", "metadata.namespace"}, which is
 * what custom resources get). Values are rendered as kube renders them: absent strings {@code ""}, booleans
 * {@code "true"}/{@code "false"}, counts in decimal.
 *
 * <p>Resources are named by API group ({@code ""} for core) and plural resource name. Covered beyond the default:
 * core pods, nodes, namespaces, secrets, services, replicationcontrollers, events; apps replicasets; batch jobs;
 * certificates.k8s.io certificatesigningrequests.
 */
public final class SelectableFields {

    private SelectableFields() {
    }

    /**
     * How to read the selectable fields of an object of the resource: the value of a field the resource allows
     * (absent values as {@code ""}), empty for a field it does not allow.
     */
    public static Function<String, Optional<String>> fieldsOf(String group, String resource, ObjectNode object) {
        Objects.requireNonNull(object, "object");
        ResourceFields fields = ResourceFields.of(group, resource);
        return field -> fields.reader(field).map(reader -> reader.apply(object));
    }

    /**
     * Refuses a selector naming a field the resource does not allow, with kube's message for the first such field
     * in term order (kube answers it as 400 BadRequest).
     */
    public static void validate(String group, String resource, FieldSelector selector) throws SelectorException {
        Objects.requireNonNull(selector, "selector");
        ResourceFields fields = ResourceFields.of(group, resource);
        for (String field : selector.fields()) {
            if (fields.reader(field).isEmpty()) {
                throw new SelectorException(fields.refusal(field));
            }
        }
    }
}
