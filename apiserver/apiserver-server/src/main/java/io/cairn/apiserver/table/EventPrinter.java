package io.cairn.apiserver.table;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get events}: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME.
 *
 * <p>Why: events come from old clients ({@code firstTimestamp}, {@code lastTimestamp}, {@code count},
 * {@code source}) and new ones ({@code eventTime}, {@code series}, {@code reportingController}); kube reads
 * whichever is set, and so does this printer.
 */
final class EventPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(
            Column.text("Last Seen", Descriptions.EVENT_LAST_TIMESTAMP),
            Column.text("Type", Descriptions.EVENT_TYPE),
            Column.text("Reason", Descriptions.EVENT_REASON),
            Column.text("Object", Descriptions.EVENT_INVOLVED_OBJECT),
            Column.text("Subobject", Descriptions.EVENT_FIELD_PATH).wide(),
            Column.text("Source", Descriptions.EVENT_SOURCE).wide(),
            Column.text("Message", Descriptions.EVENT_MESSAGE),
            Column.text("First Seen", Descriptions.EVENT_FIRST_TIMESTAMP).wide(),
            Column.text("Count", Descriptions.EVENT_COUNT).wide(),
            new Column("Name", "string", "name", Descriptions.NAME, 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode event, Elapsed elapsed, ArrayNode cells) {
        JsonNode first = event.path("firstTimestamp");
        String firstSeen = Elapsed.instant(first).isPresent()
                ? elapsed.since(first)
                : elapsed.since(event.path("eventTime"));
        JsonNode last = event.path("lastTimestamp");
        String lastSeen = Elapsed.instant(last).isPresent() ? elapsed.since(last) : firstSeen;
        long count = Fields.integer(event, "count");
        JsonNode series = event.path("series");
        if (series.isObject()) {
            lastSeen = elapsed.since(series.path("lastObservedTime"));
            count = Fields.integer(series, "count");
        } else if (count == 0) {
            count = 1; // singleton events of the new API carry no count
        }
        cells.add(lastSeen);
        cells.add(Fields.text(event, "type"));
        cells.add(Fields.text(event, "reason"));
        cells.add(target(event));
        cells.add(Fields.text(event, "involvedObject", "fieldPath"));
        cells.add(source(event));
        cells.add(Fields.text(event, "message").strip());
        cells.add(firstSeen);
        cells.add(count);
        cells.add(Printer.name(event));
    }

    private static String target(JsonNode event) {
        String kind = Fields.text(event, "involvedObject", "kind").toLowerCase(Locale.ROOT);
        String name = Fields.text(event, "involvedObject", "name");
        return name.isEmpty() ? kind : kind + "/" + name;
    }

    private static String source(JsonNode event) {
        String component = firstNonEmpty(Fields.text(event, "source", "component"),
                Fields.text(event, "reportingComponent"));
        String instance = firstNonEmpty(Fields.text(event, "source", "host"), Fields.text(event, "reportingInstance"));
        return instance.isEmpty() ? component : component + ", " + instance;
    }

    private static String firstNonEmpty(String first, String second) {
        return first.isEmpty() ? second : first;
    }
}
