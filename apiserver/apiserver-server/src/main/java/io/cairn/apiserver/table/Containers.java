package io.cairn.apiserver.table;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The CONTAINERS and IMAGES cells of workload kinds: a pod template's container names and images, comma-joined.
 *
 * <p>Why: deployments, replica sets, stateful sets and daemon sets share the same two wide columns.
 */
final class Containers {

    private Containers() {
    }

    /** Appends the names cell and the images cell of {@code spec.template.spec.containers}. */
    static void appendTemplateCells(JsonNode workload, ArrayNode cells) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (JsonNode container : Fields.items(workload, "spec", "template", "spec", "containers")) {
            names.add(Fields.text(container, "name"));
            images.add(Fields.text(container, "image"));
        }
        cells.add(String.join(",", names));
        cells.add(String.join(",", images));
    }
}
