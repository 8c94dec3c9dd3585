package io.cairn.apiserver.table;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get configmaps}: NAME DATA AGE, where DATA counts the keys of {@code data} and {@code binaryData}.
 *
 * <p>Why: one of the kinds kubectl users list most.
 */
final class ConfigMapPrinter implements Printer {

    private static final List<Column> COLUMNS =
            List.of(Column.NAME, Column.text("Data", Descriptions.CONFIG_MAP_DATA), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode configMap, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(configMap));
        cells.add((long) Fields.count(configMap, "data") + Fields.count(configMap, "binaryData"));
        cells.add(Printer.age(configMap, elapsed));
    }
}
