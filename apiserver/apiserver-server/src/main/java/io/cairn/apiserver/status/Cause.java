package io.cairn.apiserver.status;

/**
 * One entry of {@code details.causes} in a Status, e.g. a field that failed validation.
 *
 * @param type kube's cause type ("FieldValueInvalid", "FieldValueRequired", ...)
 * @param message what is wrong
 * @param field the field path ("metadata.name")
 */
public record Cause(String type, String message, String field) {
}
