package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get statefulsets}: NAME READY AGE, wide CONTAINERS IMAGES.
 *
 * <p>Why: READY reads {@code ready/desired}; a missing {@code spec.replicas} counts kube's default of 1.
 */
final class StatefulSetPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.text("Ready", Descriptions.READY_PODS),
            Column.AGE,
            Column.text("Containers", Descriptions.CONTAINERS).wide(),
            Column.text("Images", Descriptions.IMAGES).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode statefulSet, Elapsed elapsed, ArrayNode cells) {
        long desired = Fields.integer(statefulSet, 1, "spec", "replicas");
        long ready = Fields.integer(statefulSet, "status", "readyReplicas");
        cells.add(Printer.name(statefulSet));
        cells.add(ready + "/" + desired);
        cells.add(Printer.age(statefulSet, elapsed));
        Containers.appendTemplateCells(statefulSet, cells);
    }
}
