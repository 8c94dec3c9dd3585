package io.cairn.apiserver.crd;

import io.cairn.apiserver.status.Cause;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * kube's field errors ({@code k8s.io/apimachinery/pkg/util/validation/field}) as Status causes, with its value
 * formatting: strings quoted, numbers and booleans bare, {@code null} for a missing value.
 *
 * <p>Why: kubectl prints these messages verbatim; the wording and the value formatting are the contract.
 */
final class FieldErrors {
    private FieldErrors() {
    }

    static Cause invalid(String field, JsonNode value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: " + show(value) + ": " + detail, field);
    }

    static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: " + quote(value) + ": " + detail, field);
    }

    static Cause required(String field, String detail) {
        return new Cause("FieldValueRequired", "Required value" + (detail.isEmpty() ? "" : ": " + detail), field);
    }

    static Cause notSupported(String field, JsonNode value, List<String> supported) {
        return new Cause("FieldValueNotSupported", "Unsupported value: " + show(value) + ": supported values: "
                + supported.stream().collect(Collectors.joining(", ")), field);
    }

    static Cause forbidden(String field, String detail) {
        return new Cause("FieldValueForbidden", "Forbidden: " + detail, field);
    }

    static Cause tooLong(String field, long max) {
        return new Cause("FieldValueTooLong", "Too long: may not be more than " + max + (max == 1 ? " byte" : " bytes"),
                field);
    }

    static Cause tooMany(String field, int actual, long max) {
        return new Cause("FieldValueTooMany", "Too many: " + actual + ": must have at most " + max + " items", field);
    }

    /** A value as Go's field errors print it. */
    static String show(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "null";
        }
        if (v.isString()) {
            return quote(v.asString());
        }
        if (v.isNumber()) {
            return number(v);
        }
        if (v.isBoolean()) {
            return Boolean.toString(v.asBoolean());
        }
        return v.toString();
    }

    /** A JSON number as Go's {@code %v} prints an int64 or a float64. */
    static String number(JsonNode v) {
        if (v.isIntegralNumber()) {
            return v.bigIntegerValue().toString();
        }
        BigDecimal d = v.decimalValue().stripTrailingZeros();
        if (d.scale() <= 0 && d.precision() - d.scale() <= 21) {
            return d.toBigInteger().toString();
        }
        return Double.toString(v.asDouble()).replace("E", "e+").replace("e+-", "e-");
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
