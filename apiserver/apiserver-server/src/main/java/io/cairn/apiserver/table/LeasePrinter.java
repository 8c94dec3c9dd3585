package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get leases} (coordination.k8s.io): NAME HOLDER AGE.
 *
 * <p>Why: leader election and node heartbeats live in leases; operators check who holds them.
 */
final class LeasePrinter implements Printer {

    private static final List<Column> COLUMNS =
            List.of(Column.NAME, Column.text("Holder", Descriptions.LEASE_HOLDER), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode lease, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(lease));
        cells.add(Fields.text(lease, "spec", "holderIdentity"));
        cells.add(Printer.age(lease, elapsed));
    }
}
