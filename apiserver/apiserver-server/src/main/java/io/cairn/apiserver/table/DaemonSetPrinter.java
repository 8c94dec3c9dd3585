package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get daemonsets}: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, wide
 * CONTAINERS IMAGES SELECTOR.
 *
 * <p>Why: the counts come from the daemon set controller's status (0 until it has written one); NODE SELECTOR is
 * the pod template's node selector.
 */
final class DaemonSetPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.integer("Desired", Descriptions.DAEMON_SET_DESIRED),
            Column.integer("Current", Descriptions.DAEMON_SET_CURRENT),
            Column.integer("Ready", Descriptions.DAEMON_SET_READY),
            Column.integer("Up-to-date", Descriptions.DAEMON_SET_UPDATED),
            Column.integer("Available", Descriptions.DAEMON_SET_AVAILABLE),
            Column.text("Node Selector", Descriptions.POD_NODE_SELECTOR),
            Column.AGE,
            Column.text("Containers", Descriptions.CONTAINERS).wide(),
            Column.text("Images", Descriptions.IMAGES).wide(),
            Column.text("Selector", Descriptions.DAEMON_SET_SELECTOR).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode daemonSet, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(daemonSet));
        cells.add(Fields.integer(daemonSet, "status", "desiredNumberScheduled"));
        cells.add(Fields.integer(daemonSet, "status", "currentNumberScheduled"));
        cells.add(Fields.integer(daemonSet, "status", "numberReady"));
        cells.add(Fields.integer(daemonSet, "status", "updatedNumberScheduled"));
        cells.add(Fields.integer(daemonSet, "status", "numberAvailable"));
        cells.add(Selectors.formatLabels(Fields.at(daemonSet, "spec", "template", "spec", "nodeSelector")));
        cells.add(Printer.age(daemonSet, elapsed));
        Containers.appendTemplateCells(daemonSet, cells);
        cells.add(Selectors.formatLabelSelector(Fields.at(daemonSet, "spec", "selector")));
    }
}
