package io.cairn.apiserver.table;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The columns of one kind and the cells of one of its objects.
 *
 * <p>Why: each kind kube-apiserver prints has its own columns and cell rules; the set Cairn reproduces is closed, and
 * anything else gets the default Name / Created At table.
 */
sealed interface Printer permits ConfigMapPrinter, CustomColumnsPrinter, DaemonSetPrinter, DefaultPrinter, DeploymentPrinter,
        EndpointsPrinter, EventPrinter, LeasePrinter, NamespacePrinter, NodePrinter, PodPrinter, ReplicaSetPrinter,
        SecretPrinter, ServiceAccountPrinter, ServicePrinter, StatefulSetPrinter {

    /** The name cell and the age cell every kind has. */
    static String name(JsonNode object) {
        return Fields.text(object, "metadata", "name");
    }

    static String age(JsonNode object, Elapsed elapsed) {
        return elapsed.since(Fields.at(object, "metadata", "creationTimestamp"));
    }

    /** Every column, wide ones included (the server always sends them all; kubectl hides priority 1). */
    List<Column> columns();

    /** Appends one cell per column, in column order. */
    void cells(JsonNode object, Elapsed elapsed, ArrayNode cells);

    /** A row condition (kube marks finished pods "Completed"), if any. */
    default Optional<RowCondition> condition(JsonNode object) {
        return Optional.empty();
    }
}
