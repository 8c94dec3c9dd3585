package io.cairn.apiserver.selector;

import static io.cairn.apiserver.selector.FieldReader.bool;
import static io.cairn.apiserver.selector.FieldReader.constant;
import static io.cairn.apiserver.selector.FieldReader.integer;
import static io.cairn.apiserver.selector.FieldReader.text;
import static io.cairn.apiserver.selector.FieldReader.textOr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The field-selector table of one resource: which field names kube accepts and how each is read.
 *
 * <p>Why: kube registers a field-label conversion per kind for a handful of built-in resources (answering
 * {@code field label not supported: <field>} for others), and every other resource gets the default of
 * {@code metadata.name} and {@code metadata.namespace} with a different message. {@code registered} tells which
 * path, and so which message, applies. The tables follow kube 1.32's conversion functions and
 * {@code ToSelectableFields}.
 *
 * @param registered whether kube has a conversion function for the kind (changes the refusal message)
 * @param readers the accepted field names and how each is read, in kube's order
 */
record ResourceFields(boolean registered, Map<String, FieldReader> readers) {

    private static final FieldReader NAME = text("metadata", "name");
    private static final FieldReader NAMESPACE = text("metadata", "namespace");

    ResourceFields {
        readers = Map.copyOf(readers);
    }

    /** The table for a resource; unknown resources (custom resources included) get kube's default. */
    static ResourceFields of(String group, String resource) {
        return switch (group + "/" + resource) {
            case "/pods" -> registered(true,
                    "spec.nodeName", text("spec", "nodeName"),
                    "spec.restartPolicy", text("spec", "restartPolicy"),
                    "spec.schedulerName", text("spec", "schedulerName"),
                    "spec.serviceAccountName", textOr(text("spec", "serviceAccountName"),
                            text("spec", "serviceAccount")),
                    "spec.hostNetwork", bool("spec", "hostNetwork"),
                    "status.phase", text("status", "phase"),
                    "status.podIP", textOr(text("status", "podIPs", "0", "ip"), text("status", "podIP")),
                    // accepted by kube's conversion but absent from its field set, so it always reads as empty
                    "status.podIPs", constant(""),
                    "status.nominatedNodeName", text("status", "nominatedNodeName"),
                    // legacy alias kube rewrites to spec.nodeName
                    "spec.host", text("spec", "nodeName"));
            case "/nodes" -> registered(false, "spec.unschedulable", bool("spec", "unschedulable"));
            case "/namespaces" -> registered(false, "status.phase", text("status", "phase"));
            case "/secrets" -> registered(true, "type", text("type"));
            case "/services" -> registered(true,
                    "spec.clusterIP", text("spec", "clusterIP"),
                    "spec.type", text("spec", "type"));
            case "/replicationcontrollers", "apps/replicasets" ->
                    registered(true, "status.replicas", integer("status", "replicas"));
            case "batch/jobs" -> registered(true, "status.successful", integer("status", "succeeded"));
            case "certificates.k8s.io/certificatesigningrequests" ->
                    registered(false, "spec.signerName", text("spec", "signerName"));
            case "/events" -> registered(true,
                    "involvedObject.kind", text("involvedObject", "kind"),
                    "involvedObject.namespace", text("involvedObject", "namespace"),
                    "involvedObject.name", text("involvedObject", "name"),
                    "involvedObject.uid", text("involvedObject", "uid"),
                    "involvedObject.apiVersion", text("involvedObject", "apiVersion"),
                    "involvedObject.resourceVersion", text("involvedObject", "resourceVersion"),
                    "involvedObject.fieldPath", text("involvedObject", "fieldPath"),
                    "reason", text("reason"),
                    "reportingComponent", text("reportingComponent"),
                    "source", textOr(text("source", "component"), text("reportingComponent")),
                    "type", text("type"));
            default -> new ResourceFields(false, Map.of("metadata.name", NAME, "metadata.namespace", NAMESPACE));
        };
    }

    private static ResourceFields registered(boolean namespaced, Object... namesAndReaders) {
        Map<String, FieldReader> readers = new LinkedHashMap<>();
        readers.put("metadata.name", NAME);
        if (namespaced) {
            readers.put("metadata.namespace", NAMESPACE);
        }
        for (int i = 0; i < namesAndReaders.length; i += 2) {
            readers.put((String) namesAndReaders[i], (FieldReader) namesAndReaders[i + 1]);
        }
        return new ResourceFields(true, readers);
    }

    /** The reader of an accepted field. */
    Optional<FieldReader> reader(String field) {
        return Optional.ofNullable(readers.get(field));
    }

    /** kube's refusal of a field this resource does not accept. */
    String refusal(String field) {
        if (registered) {
            return "field label not supported: " + field;
        }
        return GoText.quote(field) + " is not a known field selector: only \"metadata.name\", \"metadata.namespace\"";
    }
}
