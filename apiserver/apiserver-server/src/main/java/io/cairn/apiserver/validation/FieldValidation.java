package io.cairn.apiserver.validation;

import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.status.Statuses;
import java.util.List;

/**
 * What a write does with unknown or duplicate fields: fail ({@code Strict}), succeed with warnings ({@code Warn}) or
 * succeed silently ({@code Ignore}).
 *
 * <p>Why: kube-apiserver takes the directive from the {@code fieldValidation} query parameter of create, update and
 * patch; with the feature GA an absent parameter means {@code Warn}, and any other value fails the request's options
 * validation before the body is looked at.
 */
public enum FieldValidation {
    STRICT, WARN, IGNORE;

    /**
     * The directive of a request.
     *
     * @param value the query parameter, "" when absent
     * @param optionsKind {@code CreateOptions}, {@code UpdateOptions} or {@code PatchOptions}, named in the error
     */
    public static FieldValidation parse(String value, String optionsKind) {
        return switch (value) {
            case "", "Warn" -> WARN;
            case "Strict" -> STRICT;
            case "Ignore" -> IGNORE;
            default -> throw Statuses.invalid("meta.k8s.io", optionsKind, "", List.of(new Cause(
                    "FieldValueNotSupported", "Unsupported value: " + GoQuote.quote(value)
                    + ": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"", "fieldValidation")));
        };
    }

    /** Whether problems are looked for at all (kube decodes strictly only for Strict and Warn). */
    boolean checks() {
        return this != IGNORE;
    }
}
