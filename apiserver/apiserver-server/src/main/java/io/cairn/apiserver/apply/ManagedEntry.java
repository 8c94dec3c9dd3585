package io.cairn.apiserver.apply;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code metadata.managedFields}: which manager owns which fields, through which operation.
 *
 * @param manager the field manager ("kubectl", "kube-controller-manager")
 * @param operation {@code Apply} or {@code Update}
 * @param apiVersion the API version the fields were written in
 * @param time when the manager last changed the object, RFC 3339 in seconds; empty when unknown
 * @param subresource {@code status} (or another subresource) for writes there, else empty
 * @param fields the owned fields
 */
record ManagedEntry(String manager, String operation, String apiVersion, String time, String subresource,
                    FieldSet fields) {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    /**
     * What makes two entries the same manager: appliers are one manager whatever API version they apply in; updaters
     * are told apart by API version too. Time and fields never count.
     */
    String identity() {
        return manager + "\u0000" + operation + "\u0000" + (operation.equals(APPLY) ? "" : apiVersion) + "\u0000"
                + subresource;
    }

    ManagedEntry withFields(FieldSet f) {
        return new ManagedEntry(manager, operation, apiVersion, time, subresource, f);
    }

    /** The manager as kube's conflict messages name it: {@code "kubectl" using v1}. */
    String describe() {
        StringBuilder b = new StringBuilder(GoQuoted.of(manager));
        if (!subresource.isEmpty()) {
            b.append(" with subresource ").append(GoQuoted.of(subresource));
        }
        if (operation.equals(UPDATE)) {
            b.append(" using ").append(apiVersion);
        }
        return b.toString();
    }

    /** The entry's JSON, with kube's field order. */
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("manager", manager);
        o.put("operation", operation);
        o.put("apiVersion", apiVersion);
        if (!time.isEmpty()) {
            o.put("time", time);
        }
        o.put("fieldsType", "FieldsV1");
        o.set("fieldsV1", fields.toFieldsV1());
        if (!subresource.isEmpty()) {
            o.put("subresource", subresource);
        }
        return o;
    }
}
