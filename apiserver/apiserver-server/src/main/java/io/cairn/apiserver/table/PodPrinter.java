package io.cairn.apiserver.table;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get pods}: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES.
 *
 * <p>Why: the pod listing is the most used view of a cluster; its STATUS and READY cells are computed by
 * {@link PodSummary}, and finished pods carry kube's {@code Completed} row condition.
 */
final class PodPrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.text("Ready", Descriptions.POD_READY),
            Column.text("Status", Descriptions.POD_STATUS),
            Column.text("Restarts", Descriptions.POD_RESTARTS),
            Column.AGE,
            Column.text("IP", Descriptions.POD_IP).wide(),
            Column.text("Node", Descriptions.POD_NODE_NAME).wide(),
            Column.text("Nominated Node", Descriptions.POD_NOMINATED_NODE_NAME).wide(),
            Column.text("Readiness Gates", Descriptions.POD_READINESS_GATES).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode pod, Elapsed elapsed, ArrayNode cells) {
        PodSummary summary = PodSummary.of(pod);
        cells.add(Printer.name(pod));
        cells.add(summary.ready() + "/" + summary.total());
        cells.add(summary.reason());
        cells.add(summary.restartsText(elapsed));
        cells.add(Printer.age(pod, elapsed));
        cells.add(orNone(ip(pod)));
        cells.add(orNone(Fields.text(pod, "spec", "nodeName")));
        cells.add(orNone(Fields.text(pod, "status", "nominatedNodeName")));
        cells.add(readinessGates(pod));
    }

    @Override
    public Optional<RowCondition> condition(JsonNode pod) {
        return switch (Fields.text(pod, "status", "phase")) {
            case "Succeeded" -> Optional.of(RowCondition.completed("Succeeded", "The pod has completed successfully."));
            case "Failed" -> Optional.of(RowCondition.completed("Failed", "The pod failed."));
            default -> Optional.empty();
        };
    }

    /** {@code status.podIP} wins over {@code status.podIPs} as in kube's conversion. */
    private static String ip(JsonNode pod) {
        String ip = Fields.text(pod, "status", "podIP");
        if (!ip.isEmpty()) {
            return ip;
        }
        return Fields.items(pod, "status", "podIPs").stream().findFirst().map(p -> Fields.text(p, "ip")).orElse("");
    }

    /** {@code true/all} of the readiness gates whose condition is True; {@code <none>} without gates. */
    private static String readinessGates(JsonNode pod) {
        var gates = Fields.items(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return Selectors.NONE;
        }
        long satisfied = 0;
        for (JsonNode gate : gates) {
            String type = Fields.text(gate, "conditionType");
            Optional<JsonNode> condition = Fields.items(pod, "status", "conditions").stream()
                    .filter(c -> Fields.text(c, "type").equals(type))
                    .findFirst();
            if (condition.isPresent() && Fields.text(condition.get(), "status").equals("True")) {
                satisfied++;
            }
        }
        return satisfied + "/" + gates.size();
    }

    private static String orNone(String value) {
        return value.isEmpty() ? Selectors.NONE : value;
    }
}
