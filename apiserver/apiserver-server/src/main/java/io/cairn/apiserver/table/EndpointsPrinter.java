package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get endpoints}: NAME ENDPOINTS AGE, with at most three {@code ip:port} entries then
 * {@code + N more...}.
 *
 * <p>Why: users check a service's endpoints to see whether any pod backs it; {@code <none>} means none does.
 */
final class EndpointsPrinter implements Printer {

    private static final int MAX = 3;

    private static final List<Column> COLUMNS =
            List.of(Column.NAME, Column.text("Endpoints", Descriptions.ENDPOINTS_SUBSETS), Column.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode endpoints, Elapsed elapsed, ArrayNode cells) {
        cells.add(Printer.name(endpoints));
        cells.add(format(Fields.items(endpoints, "subsets")));
        cells.add(Printer.age(endpoints, elapsed));
    }

    private static String format(Collection<JsonNode> subsets) {
        if (subsets.isEmpty()) {
            return Selectors.NONE;
        }
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode subset : subsets) {
            Collection<JsonNode> addresses = Fields.items(subset, "addresses");
            Collection<JsonNode> ports = Fields.items(subset, "ports");
            if (ports.isEmpty()) {
                // a headless service without ports lists bare addresses
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (list.size() == MAX) {
                        more = true;
                        break;
                    }
                    list.add(Fields.text(address, "ip"));
                }
                continue;
            }
            for (JsonNode port : ports) {
                count += addresses.size();
                for (JsonNode address : addresses) {
                    if (list.size() == MAX) {
                        more = true;
                        break;
                    }
                    list.add(hostPort(Fields.text(address, "ip"), Fields.integer(port, "port")));
                }
            }
        }
        String joined = String.join(",", list);
        return more ? joined + " + " + (count - MAX) + " more..." : joined;
    }

    /** Like Go's {@code net.JoinHostPort}: IPv6 addresses in brackets. */
    private static String hostPort(String ip, long port) {
        return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
