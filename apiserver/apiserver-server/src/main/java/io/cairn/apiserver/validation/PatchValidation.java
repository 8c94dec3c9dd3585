package io.cairn.apiserver.validation;

import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field validation of one patch request: problems in the patch body itself and unknown fields in the patched object.
 *
 * <p>Why: kube applies JSON and merge patches to the stored JSON and then decodes the result like an update body;
 * what counts is the patched object, plus duplicate keys in the patch. A Strict failure is kube's 422 on field
 * {@code patch} whose value is the patched JSON. A patch may be applied more than once (a concurrent write makes
 * the registry retry), so the warnings are those of the last application.
 */
public final class PatchValidation {
    private final Shape shape;
    private final FieldValidation mode;
    private final List<String> bodyErrors;
    private volatile List<String> warnings = List.of();

    PatchValidation(Shape shape, FieldValidation mode, List<String> bodyErrors) {
        this.shape = shape;
        this.mode = mode;
        this.bodyErrors = List.copyOf(bodyErrors);
    }

    /** {@code patcher} followed by the field checks; the result has no unknown fields. */
    public UnaryOperator<ObjectNode> around(UnaryOperator<ObjectNode> patcher) {
        return current -> {
            ObjectNode patched = patcher.apply(current);
            List<Problem> problems = FieldValidator.scanTree(patched, shape);
            List<String> errors = new ArrayList<>(bodyErrors);
            problems.forEach(p -> errors.add(p.message()));
            if (!errors.isEmpty() && mode == FieldValidation.STRICT) {
                throw Statuses.invalid("", "", "", List.of(new Cause("FieldValueInvalid", "Invalid value: "
                        + GoQuote.quote(ObjectCodec.JSON.writeValueAsString(sorted(patched)))
                        + ": strict decoding error: " + String.join(", ", errors), "patch")));
            }
            warnings = mode == FieldValidation.WARN ? FieldValidator.warnings(errors) : List.of();
            return FieldValidator.drop(patched, problems);
        };
    }

    /** The warnings of the last application. */
    public List<String> warnings() {
        return warnings;
    }

    /** The patched JSON as kube's patch library writes it: keys sorted at every level. */
    private static JsonNode sorted(JsonNode n) {
        if (n instanceof ObjectNode o) {
            Map<String, JsonNode> byKey = new TreeMap<>();
            o.properties().forEach(e -> byKey.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = ObjectCodec.JSON.createObjectNode();
            byKey.forEach(out::set);
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = ObjectCodec.JSON.createArrayNode();
            a.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }
}
