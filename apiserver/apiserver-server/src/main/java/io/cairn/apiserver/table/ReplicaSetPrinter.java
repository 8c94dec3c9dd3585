package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR.
 *
 * <p>Why: the replica sets a deployment rolls through are how users follow a rollout; a missing
 * {@code spec.replicas} counts kube's default of 1.
 */
final class ReplicaSetPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.integer("Desired", Descriptions.REPLICA_SET_SPEC_REPLICAS),
            Column.integer("Current", Descriptions.REPLICA_SET_STATUS_REPLICAS),
            Column.integer("Ready", Descriptions.REPLICA_SET_READY_REPLICAS),
            Column.AGE,
            Column.text("Containers", Descriptions.CONTAINERS).wide(),
            Column.text("Images", Descriptions.IMAGES).wide(),
            Column.text("Selector", Descriptions.REPLICA_SET_SELECTOR).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode replicaSet, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(replicaSet));
        cells.add(Fields.integer(replicaSet, 1, "spec", "replicas"));
        cells.add(Fields.integer(replicaSet, "status", "replicas"));
        cells.add(Fields.integer(replicaSet, "status", "readyReplicas"));
        cells.add(Printer.age(replicaSet, elapsed));
        Containers.appendTemplateCells(replicaSet, cells);
        cells.add(Selectors.formatLabelSelector(Fields.at(replicaSet, "spec", "selector")));
    }
}
