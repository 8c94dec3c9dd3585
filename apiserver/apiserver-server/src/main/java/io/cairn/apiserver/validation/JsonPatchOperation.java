package io.cairn.apiserver.validation;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The fields of one JSON patch operation as kube decodes them strictly ({@code op}, {@code path}, {@code from},
 * {@code value}).
 *
 * <p>Why: kube reports unknown or repeated keys in a JSON patch's operations ({@code json patch unknown field
 * "[0].foo"}); this type gives the operation's {@link Shape} through the same introspection as the model classes.
 * It is never instantiated.
 */
final class JsonPatchOperation {
    private JsonPatchOperation() {
    }

    @JsonProperty("op")
    public String op() {
        return "";
    }

    @JsonProperty("path")
    public String path() {
        return "";
    }

    @JsonProperty("from")
    public String from() {
        return "";
    }

    @JsonProperty("value")
    public Object value() {
        return "";
    }
}
