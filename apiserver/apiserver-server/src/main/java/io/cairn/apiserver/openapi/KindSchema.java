package io.cairn.apiserver.openapi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The component schemas that describe one served kind.
 *
 * <p>Why: a group-version document needs the kind's schema (which must carry {@code x-kubernetes-group-version-kind},
 * as kubectl finds a kind's schema by it), its list's schema, and every schema they refer to, plus whether
 * the kind takes strategic merge patches (built-in kinds do, custom resources do not; kubectl's client-side apply
 * chooses its patch type from that).
 *
 * @param definition the component name of the kind's schema, e.g. {@code io.k8s.api.core.v1.ConfigMap}
 * @param listDefinition the component name of the list's schema, e.g. {@code io.k8s.api.core.v1.ConfigMapList}
 * @param components every schema to publish, by component name, the two above included; refs point at
 *     {@code #/components/schemas/<name>}
 * @param strategicMerge whether PATCH accepts {@code application/strategic-merge-patch+json}
 */
public record KindSchema(String definition, String listDefinition, Map<String, ObjectNode> components,
                         boolean strategicMerge) {

    public KindSchema {
        if (!components.containsKey(definition) || !components.containsKey(listDefinition)) {
            throw new IllegalArgumentException("the components must contain " + definition + " and "
                    + listDefinition);
        }
        Map<String, ObjectNode> copy = new TreeMap<>();
        components.forEach((k, v) -> copy.put(k, v.deepCopy()));
        components = Collections.unmodifiableMap(copy);
    }
}
