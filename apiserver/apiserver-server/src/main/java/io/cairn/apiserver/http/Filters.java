package io.cairn.apiserver.http;

import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.selector.FieldSelector;
import io.cairn.apiserver.selector.LabelSelector;
import io.cairn.apiserver.selector.SelectableFields;
import io.cairn.apiserver.selector.SelectorException;
import io.cairn.apiserver.status.Statuses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A list's or watch's {@code labelSelector} and {@code fieldSelector} as one object predicate.
 *
 * @param test the predicate
 * @param filtering whether it can reject anything (an empty selector matches everything)
 */
record Filters(Predicate<ObjectNode> test, boolean filtering) {

    static Filters of(ResourceType t, Query q) {
        try {
            LabelSelector labels = LabelSelector.parse(q.get("labelSelector"));
            FieldSelector fields = FieldSelector.parse(q.get("fieldSelector"));
            SelectableFields.validate(t.group(), t.plural(), fields);
            boolean filtering = !labels.matchesEverything() || !fields.fields().isEmpty();
            if (!filtering) {
                // no selector: every watch event and list item would build a label map for nothing
                return new Filters(o -> true, false);
            }
            Predicate<ObjectNode> p = o -> labels.matches(labels(o))
                    && fields.matches(SelectableFields.fieldsOf(t.group(), t.plural(), o));
            return new Filters(p, filtering);
        } catch (SelectorException e) {
            throw Statuses.badRequest(e.getMessage());
        }
    }

    private static Map<String, String> labels(ObjectNode o) {
        JsonNode l = o.path("metadata").path("labels");
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : l.properties()) {
            m.put(e.getKey(), e.getValue().asString(""));
        }
        return m;
    }
}
