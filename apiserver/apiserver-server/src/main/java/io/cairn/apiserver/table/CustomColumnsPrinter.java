package io.cairn.apiserver.table;

import io.cairn.apiserver.resource.CustomKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;

/**
 * The table of a custom kind: NAME, then the version's {@code additionalPrinterColumns} (AGE when it declares none).
 *
 * <p>Why: kube-apiserver prints custom resources from their definition: each cell is the first JSONPath result,
 * typed by its column (a date becomes an age, a missing value or one of the wrong type a null cell, which kubectl
 * shows as {@code <none>}).
 */
final class CustomColumnsPrinter implements Printer {
    private static final CustomKind.PrinterColumn AGE = new CustomKind.PrinterColumn("Age", "date", "",
            Descriptions.CREATION_TIMESTAMP, 0, ".metadata.creationTimestamp");

    private final List<CustomKind.PrinterColumn> declared;
    private final List<Optional<JsonPath>> paths;

    CustomColumnsPrinter(List<CustomKind.PrinterColumn> declared) {
        this.declared = declared.isEmpty() ? List.of(AGE) : List.copyOf(declared);
        this.paths = this.declared.stream().map(c -> JsonPath.parse(c.jsonPath())).toList();
    }

    @Override
    public List<Column> columns() {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.NAME);
        for (CustomKind.PrinterColumn c : declared) {
            columns.add(new Column(c.name(), c.type(), c.format(), c.description(), c.priority()));
        }
        return columns;
    }

    @Override
    public void cells(JsonNode object, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(object));
        for (int i = 0; i < declared.size(); i++) {
            String type = declared.get(i).type();
            Optional<JsonNode> value = paths.get(i).flatMap(p -> p.first(object)).filter(v -> !v.isNull());
            cells.add(value.map(v -> cell(type, v, elapsed)).orElse(NullNode.getInstance()));
        }
    }

    /** One typed cell, as kube's table convertor builds it; a value of another type is a null cell. */
    static JsonNode cell(String type, JsonNode v, Elapsed elapsed) {
        var nodes = tools.jackson.databind.node.JsonNodeFactory.instance;
        return switch (type) {
            case "integer" -> v.isNumber() ? nodes.numberNode(v.asLong()) : NullNode.getInstance();
            case "number" -> v.isNumber() ? nodes.numberNode(v.asDouble()) : NullNode.getInstance();
            case "boolean" -> v.isBoolean() ? v : NullNode.getInstance();
            case "date" -> v.isString() ? nodes.stringNode(Elapsed.instant(v).map(elapsed::since).orElse("<invalid>"))
                    : NullNode.getInstance();
            default -> nodes.stringNode(v.isValueNode() ? v.asString() : v.toString());
        };
    }
}
