package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR.
 *
 * <p>Why: READY reads {@code ready/desired}; a stored deployment without {@code spec.replicas} counts kube's
 * default of 1, and a missing status counts 0.
 */
final class DeploymentPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.text("Ready", Descriptions.READY_PODS),
            Column.text("Up-to-date", Descriptions.DEPLOYMENT_UPDATED),
            Column.text("Available", Descriptions.DEPLOYMENT_AVAILABLE),
            Column.AGE,
            Column.text("Containers", Descriptions.CONTAINERS).wide(),
            Column.text("Images", Descriptions.IMAGES).wide(),
            Column.text("Selector", Descriptions.DEPLOYMENT_SELECTOR).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode deployment, Elapsed elapsed, ArrayNode cells) {
        long desired = Fields.integer(deployment, 1, "spec", "replicas");
        long ready = Fields.integer(deployment, "status", "readyReplicas");
        cells.add(Printer.name(deployment));
        cells.add(ready + "/" + desired);
        cells.add(Fields.integer(deployment, "status", "updatedReplicas"));
        cells.add(Fields.integer(deployment, "status", "availableReplicas"));
        cells.add(Printer.age(deployment, elapsed));
        Containers.appendTemplateCells(deployment, cells);
        cells.add(Selectors.selectorString(Fields.at(deployment, "spec", "selector")));
    }
}
