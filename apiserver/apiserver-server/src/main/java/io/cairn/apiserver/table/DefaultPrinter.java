package io.cairn.apiserver.table;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The table of any kind without its own printer: NAME and CREATED AT (kube's default table convertor).
 *
 * <p>Why: kubectl asks every resource for a Table; kube answers for the rest with the name and the RFC 3339
 * creation time (Go's zero time when there is none), and Cairn must too.
 */
final class DefaultPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            new Column("Created At", "date", "", Descriptions.CREATION_TIMESTAMP, 0));

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private static final String GO_ZERO_TIME = "0001-01-01T00:00:00Z";

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode object, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(object));
        cells.add(Elapsed.instant(Fields.at(object, "metadata", "creationTimestamp"))
                .map(DefaultPrinter::rfc3339)
                .orElse(GO_ZERO_TIME));
    }

    private static String rfc3339(Instant instant) {
        return RFC3339.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
