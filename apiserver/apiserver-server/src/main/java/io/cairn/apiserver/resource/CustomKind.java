package io.cairn.apiserver.resource;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a kind served from a CustomResourceDefinition adds to a {@link ResourceType}.
 *
 * <p>Why: the generic handlers (storage, tables, the scale subresource) need a little per-version data that built-in
 * kinds take from code; custom kinds take it from their definition.
 *
 * @param storageVersion the version objects are stored at (every served version shares one key space)
 * @param columns the version's {@code additionalPrinterColumns}; empty means NAME and AGE
 * @param scale where the scale subresource reads and writes, when declared
 * @param schema the version's structural schema ({@code openAPIV3Schema}), shared: never change it
 */
public record CustomKind(String storageVersion, List<PrinterColumn> columns, Optional<ScalePaths> scale,
                         Optional<JsonNode> schema) {
    public CustomKind {
        columns = List.copyOf(columns);
    }

    /**
     * One additional printer column.
     *
     * @param name the column header
     * @param type integer, number, string, boolean or date
     * @param format the column's format ("" when unset)
     * @param description the column's description ("" when unset)
     * @param priority 0 for default output, more for {@code -o wide}
     * @param jsonPath the simple JSONPath of the cell (".spec.replicas")
     */
    public record PrinterColumn(String name, String type, String format, String description, int priority,
                                String jsonPath) {
    }

    /**
     * The scale subresource's paths, JSONPaths without array indexes as kube allows them.
     *
     * @param specReplicas where the desired replicas live (".spec.replicas")
     * @param statusReplicas where the observed replicas live (".status.replicas")
     * @param labelSelector where a string label selector lives, if declared
     */
    public record ScalePaths(String specReplicas, String statusReplicas, Optional<String> labelSelector) {
    }
}
