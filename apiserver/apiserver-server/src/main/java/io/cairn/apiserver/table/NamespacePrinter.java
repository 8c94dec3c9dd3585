package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get namespaces}: NAME STATUS AGE.
 *
 * <p>Why: kube-apiserver sets {@code status.phase} to Active on create; a stored namespace without a phase prints as
 * Active too, as it would have against Kubernetes.
 */
final class NamespacePrinter implements Printer {

    private static final List<Column> COLUMNS =
            List.of(Column.NAME, Column.text("Status", Descriptions.NAMESPACE_STATUS), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode namespace, Elapsed elapsed, ArrayNode cells) {
        String phase = Fields.text(namespace, "status", "phase");
        cells.add(Printer.name(namespace));
        cells.add(phase.isEmpty() ? "Active" : phase);
        cells.add(Printer.age(namespace, elapsed));
    }
}
