package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code kubectl get services}: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.
 *
 * <p>Why: the external IP rules ({@code <none>}, {@code <pending>} for a load balancer not yet provisioned, the
 * external name) and the port text ({@code 80/TCP}, {@code 80:30080/TCP}) are what users read first. A stored service
 * without a type or port protocol prints with kube's defaults (ClusterIP, TCP), which kube would have applied on
 * create.
 */
final class ServicePrinter implements Printer {

    private static final List<Column> COLUMNS = List.of(Column.NAME,
            Column.text("Type", Descriptions.SERVICE_TYPE),
            Column.text("Cluster-IP", Descriptions.SERVICE_CLUSTER_IP),
            Column.text("External-IP", Descriptions.SERVICE_EXTERNAL_IPS),
            Column.text("Port(s)", Descriptions.SERVICE_PORTS),
            Column.AGE,
            Column.text("Selector", Descriptions.SERVICE_SELECTOR).wide());

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public void cells(JsonNode service, Elapsed elapsed, ArrayNode cells) {
        String type = Fields.text(service, "spec", "type");
        if (type.isEmpty()) {
            type = "ClusterIP";
        }
        String ports = ports(service);
        cells.add(Printer.name(service));
        cells.add(type);
        cells.add(clusterIp(service));
        cells.add(externalIp(service, type));
        cells.add(ports.isEmpty() ? Selectors.NONE : ports);
        cells.add(Printer.age(service, elapsed));
        cells.add(Selectors.formatLabels(Fields.at(service, "spec", "selector")));
    }

    /** {@code spec.clusterIP} wins over {@code spec.clusterIPs} as in kube's conversion. */
    private static String clusterIp(JsonNode service) {
        String clusterIp = Fields.text(service, "spec", "clusterIP");
        if (!clusterIp.isEmpty()) {
            return clusterIp;
        }
        List<String> clusterIps = strings(service, "clusterIPs");
        return clusterIps.isEmpty() ? Selectors.NONE : clusterIps.getFirst();
    }

    /** kube prints the Table wide, so load balancer addresses are never clipped to 16 characters here. */
    private static String externalIp(JsonNode service, String type) {
        List<String> externalIps = strings(service, "externalIPs");
        return switch (type) {
            case "ClusterIP", "NodePort" -> externalIps.isEmpty() ? Selectors.NONE : String.join(",", externalIps);
            case "LoadBalancer" -> {
                String balancer = loadBalancer(service);
                if (!externalIps.isEmpty()) {
                    List<String> all = new ArrayList<>();
                    if (!balancer.isEmpty()) {
                        all.addAll(List.of(balancer.split(",")));
                    }
                    all.addAll(externalIps);
                    yield String.join(",", all);
                }
                yield balancer.isEmpty() ? "<pending>" : balancer;
            }
            case "ExternalName" -> Fields.text(service, "spec", "externalName");
            default -> "<unknown>";
        };
    }

    private static String loadBalancer(JsonNode service) {
        TreeSet<String> addresses = new TreeSet<>();
        for (JsonNode ingress : Fields.items(service, "status", "loadBalancer", "ingress")) {
            String ip = Fields.text(ingress, "ip");
            String hostname = Fields.text(ingress, "hostname");
            if (!ip.isEmpty()) {
                addresses.add(ip);
            } else if (!hostname.isEmpty()) {
                addresses.add(hostname);
            }
        }
        return String.join(",", addresses);
    }

    private static String ports(JsonNode service) {
        List<String> pieces = new ArrayList<>();
        for (JsonNode port : Fields.items(service, "spec", "ports")) {
            String protocol = Fields.text(port, "protocol");
            if (protocol.isEmpty()) {
                protocol = "TCP";
            }
            long nodePort = Fields.integer(port, "nodePort");
            long number = Fields.integer(port, "port");
            pieces.add(nodePort > 0 ? number + ":" + nodePort + "/" + protocol : number + "/" + protocol);
        }
        return String.join(",", pieces);
    }

    private static List<String> strings(JsonNode service, String field) {
        List<String> values = new ArrayList<>();
        Fields.items(service, "spec", field).forEach(v -> values.add(v.isString() ? v.stringValue() : ""));
        return values;
    }
}
