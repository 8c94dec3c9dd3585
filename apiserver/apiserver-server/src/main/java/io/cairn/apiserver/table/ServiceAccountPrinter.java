package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get serviceaccounts}: NAME SECRETS AGE.
 *
 * <p>Why: every namespace has a {@code default} service account that users list.
 */
final class ServiceAccountPrinter implements Printer {

    private static final List<Column> COLUMNS =
            List.of(Column.NAME, Column.text("Secrets", Descriptions.SERVICE_ACCOUNT_SECRETS), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode account, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(account));
        cells.add((long) Fields.items(account, "secrets").size());
        cells.add(Printer.age(account, elapsed));
    }
}
