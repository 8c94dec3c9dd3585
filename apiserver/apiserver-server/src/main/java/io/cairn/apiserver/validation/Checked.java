package io.cairn.apiserver.validation;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A body that passed field validation: the object to store, without unknown fields, and the warnings to send.
 *
 * <p>Why: under {@code Warn} a write succeeds and reports its problems in {@code Warning} headers, so the result of
 * the check is a value carrying both.
 *
 * @param object the object with unknown fields removed
 * @param warnings one text per problem, empty unless the directive is {@code Warn}
 */
public record Checked(ObjectNode object, List<String> warnings) {
    public Checked {
        warnings = List.copyOf(warnings);
    }
}
