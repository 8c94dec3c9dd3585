package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get nodes}: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
 * CONTAINER-RUNTIME.
 *
 * <p>Why: STATUS is derived from the Ready condition ({@code Ready}, {@code NotReady}, {@code Unknown}) plus
 * {@code SchedulingDisabled} for cordoned nodes, and ROLES from {@code node-role.kubernetes.io/<role>} labels.
 */
final class NodePrinter implements Printer {

    private static final String ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final String ROLE_LABEL = "kubernetes.io/role";
    private static final String UNKNOWN = "<unknown>";

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.text("Status", Descriptions.NODE_STATUS),
            Column.text("Roles", Descriptions.NODE_ROLES),
            Column.AGE,
            Column.text("Version", Descriptions.NODE_KUBELET_VERSION),
            Column.text("Internal-IP", Descriptions.NODE_ADDRESSES).wide(),
            Column.text("External-IP", Descriptions.NODE_ADDRESSES).wide(),
            Column.text("OS-Image", Descriptions.NODE_OS_IMAGE).wide(),
            Column.text("Kernel-Version", Descriptions.NODE_KERNEL_VERSION).wide(),
            Column.text("Container-Runtime", Descriptions.NODE_CONTAINER_RUNTIME_VERSION).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode node, Elapsed elapsed, ArrayNode cells) {
        String roles = String.join(",", roles(node));
        cells.add(Printer.name(node));
        cells.add(status(node));
        cells.add(roles.isEmpty() ? Selectors.NONE : roles);
        cells.add(Printer.age(node, elapsed));
        cells.add(Fields.text(node, "status", "nodeInfo", "kubeletVersion"));
        cells.add(address(node, "InternalIP"));
        cells.add(address(node, "ExternalIP"));
        cells.add(orUnknown(Fields.text(node, "status", "nodeInfo", "osImage")));
        cells.add(orUnknown(Fields.text(node, "status", "nodeInfo", "kernelVersion")));
        cells.add(orUnknown(Fields.text(node, "status", "nodeInfo", "containerRuntimeVersion")));
    }

    /** The last Ready condition counts, as in kube's map of conditions by type. */
    private static String status(JsonNode node) {
        List<String> status = new ArrayList<>();
        String ready = "";
        for (JsonNode condition : Fields.items(node, "status", "conditions")) {
            if (Fields.text(condition, "type").equals("Ready")) {
                ready = Fields.text(condition, "status").equals("True") ? "Ready" : "NotReady";
            }
        }
        status.add(ready.isEmpty() ? "Unknown" : ready);
        if (Fields.bool(node, "spec", "unschedulable")) {
            status.add("SchedulingDisabled");
        }
        return String.join(",", status);
    }

    private static TreeSet<String> roles(JsonNode node) {
        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, JsonNode> label : Fields.at(node, "metadata", "labels").properties()) {
            String key = label.getKey();
            String value = label.getValue().isString() ? label.getValue().stringValue() : "";
            if (key.startsWith(ROLE_PREFIX) && key.length() > ROLE_PREFIX.length()) {
                roles.add(key.substring(ROLE_PREFIX.length()));
            } else if (key.equals(ROLE_LABEL) && !value.isEmpty()) {
                roles.add(value);
            }
        }
        return roles;
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode address : Fields.items(node, "status", "addresses")) {
            if (Fields.text(address, "type").equals(type)) {
                return Fields.text(address, "address");
            }
        }
        return Selectors.NONE;
    }

    private static String orUnknown(String value) {
        return value.isEmpty() ? UNKNOWN : value;
    }
}
