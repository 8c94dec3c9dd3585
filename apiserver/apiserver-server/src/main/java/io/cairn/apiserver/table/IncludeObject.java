package io.cairn.apiserver.table;

import java.util.Objects;

/**
 * What each Table row carries besides its cells: the {@code includeObject} query parameter of a Table request.
 *
 * <p>Why: kubectl reads the row's metadata for {@code -A} (the NAMESPACE column) and {@code --show-labels}, and asks
 * for whole objects when it sorts or prints custom columns; the default (metadata only) keeps responses small.
 */
public enum IncludeObject {
    /** No {@code object} in the row. */
    NONE,
    /** A {@code PartialObjectMetadata} with the object's metadata (the default). */
    METADATA,
    /** The whole object. */
    OBJECT;

    /**
     * Parses the query value {@code None}, {@code Metadata} or {@code Object}; blank means {@link #METADATA}.
     *
     * @throws IllegalArgumentException for any other value, with kube-apiserver's message for its 400 answer
     */
    public static IncludeObject parse(String queryValue) {
        Objects.requireNonNull(queryValue, "queryValue");
        return switch (queryValue) {
            case "None" -> NONE;
            case "Metadata" -> METADATA;
            case "Object" -> OBJECT;
            default -> {
                if (queryValue.isBlank()) {
                    yield METADATA;
                }
                throw new IllegalArgumentException(
                        "unrecognized includeObject value: \"" + queryValue.replace("\"", "\\\"") + "\"");
            }
        };
    }
}
