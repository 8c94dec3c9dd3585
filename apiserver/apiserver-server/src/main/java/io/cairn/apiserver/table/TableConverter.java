package io.cairn.apiserver.table;

import io.cairn.apiserver.resource.ResourceType;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts stored objects into a {@code meta.k8s.io/v1} Table, the answer to
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}.
 *
 * <p>Why: kubectl prints exactly the columns and cells the server sends; this produces what kube-apiserver 1.32
 * sends for the same objects, wide columns included (kubectl hides {@code priority: 1} columns unless
 * {@code -o wide}). Age cells are relative to the injected clock. Objects are read leniently: a missing field prints
 * as kube prints its zero value, never an exception. Thread-safe.
 * <pre>{@code
 * TableConverter tables = new TableConverter(clock);
 * ObjectNode table = tables.table("", "pods", pods, IncludeObject.parse(includeObjectParam), listRv,
 *         Optional.empty(), Optional.empty());
 * }</pre>
 */
public final class TableConverter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Elapsed elapsed;

    public TableConverter(Clock clock) {
        this.elapsed = new Elapsed(Objects.requireNonNull(clock, "clock"));
    }

    /**
     * A whole Table: list metadata, column definitions and one row per object, in order.
     *
     * @param group the API group ("" for the core group)
     * @param resource the plural resource name ("pods")
     * @param objects the objects as stored (kube JSON)
     * @param include what each row carries besides its cells
     * @param resourceVersion the list's resource version; omitted from the metadata when empty
     * @param continueToken the list's continue token, if there are more pages
     * @param remainingItemCount the list's remaining item count, if known
     */
    public ObjectNode table(String group, String resource, List<ObjectNode> objects, IncludeObject include,
                            String resourceVersion, Optional<String> continueToken,
                            Optional<Long> remainingItemCount) {
        return table(Printers.of(group, resource), objects, include, resourceVersion, continueToken,
                remainingItemCount);
    }

    /** A whole Table of a served kind; custom kinds get their definition's printer columns. */
    public ObjectNode table(ResourceType type, List<ObjectNode> objects, IncludeObject include,
                            String resourceVersion, Optional<String> continueToken,
                            Optional<Long> remainingItemCount) {
        Printer printer = type.custom().<Printer>map(c -> new CustomColumnsPrinter(c.columns()))
                .orElseGet(() -> Printers.of(type.group(), type.plural()));
        return table(printer, objects, include, resourceVersion, continueToken, remainingItemCount);
    }

    private ObjectNode table(Printer printer, List<ObjectNode> objects, IncludeObject include,
                             String resourceVersion, Optional<String> continueToken,
                             Optional<Long> remainingItemCount) {
        Objects.requireNonNull(include, "include");
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (!resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        continueToken.filter(token -> !token.isEmpty()).ifPresent(token -> metadata.put("continue", token));
        remainingItemCount.ifPresent(count -> metadata.put("remainingItemCount", count));
        table.set("columnDefinitions", columns(printer));
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            rows.add(row(printer, object, include));
        }
        return table;
    }

    /** One Table row: {@code cells}, {@code conditions} when kube sets any, and {@code object} per {@code include}. */
    public ObjectNode row(String group, String resource, ObjectNode object, IncludeObject include) {
        return row(Printers.of(group, resource), Objects.requireNonNull(object, "object"),
                Objects.requireNonNull(include, "include"));
    }

    /** The column definitions of a resource's Table (the default Name / Created At for unknown resources). */
    public ArrayNode columnDefinitions(String group, String resource) {
        return columns(Printers.of(group, resource));
    }

    private static ArrayNode columns(Printer printer) {
        ArrayNode columns = NODES.arrayNode();
        printer.columns().forEach(column -> columns.add(column.json(NODES)));
        return columns;
    }

    private ObjectNode row(Printer printer, ObjectNode object, IncludeObject include) {
        ObjectNode row = NODES.objectNode();
        printer.cells(object, elapsed, row.putArray("cells"));
        printer.condition(object).ifPresent(condition -> row.putArray("conditions").add(condition.json(NODES)));
        switch (include) {
            case NONE -> { }
            case METADATA -> row.set("object", partialObjectMetadata(object));
            case OBJECT -> row.set("object", object.deepCopy());
        }
        return row;
    }

    private static ObjectNode partialObjectMetadata(ObjectNode object) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        JsonNode metadata = object.path("metadata");
        partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : NODES.objectNode());
        return partial;
    }
}
