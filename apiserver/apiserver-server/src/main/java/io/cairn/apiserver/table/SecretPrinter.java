package io.cairn.apiserver.table;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get secrets}: NAME TYPE DATA AGE.
 *
 * <p>Why: kube counts the keys of {@code data} after {@code stringData} has been merged into it and defaults the type
 * to Opaque; a stored secret that still carries {@code stringData} or lacks a type prints the same way.
 */
final class SecretPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME, Column.text("Type", Descriptions.SECRET_TYPE),
            Column.text("Data", Descriptions.SECRET_DATA), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode secret, Elapsed elapsed, ArrayNode cells) {
        String type = Fields.text(secret, "type");
        Set<String> keys = new HashSet<>(Fields.at(secret, "data").propertyNames());
        keys.addAll(Fields.at(secret, "stringData").propertyNames());
        cells.add(Printer.name(secret));
        cells.add(type.isEmpty() ? "Opaque" : type);
        cells.add((long) keys.size());
        cells.add(Printer.age(secret, elapsed));
    }
}
