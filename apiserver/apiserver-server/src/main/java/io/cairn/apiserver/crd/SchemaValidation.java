package io.cairn.apiserver.crd;

import io.cairn.apiserver.status.Cause;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * Validation of a custom resource against its version's structural schema, with the causes kube-apiserver gives
 * (kube-openapi's validator as kube reports it): type, nullable, {@code x-kubernetes-int-or-string}, enum, pattern,
 * format, minimum and maximum (exclusive too), multipleOf, minLength and maxLength, minItems and maxItems,
 * minProperties and maxProperties, required, and the apiVersion and kind of an embedded resource.
 *
 * <p>Why: a custom resource has no Go type; its schema is the type check, and kubectl users read these messages.
 */
final class SchemaValidation {
    private SchemaValidation() {
    }

    /**
     * Every cause of {@code object} (the whole custom resource) against {@code schema}: at each object its missing
     * required fields, then its fields by name, so the causes come in one order whatever order the body had.
     */
    static List<Cause> validate(JsonNode object, JsonNode schema) {
        List<Cause> out = new ArrayList<>();
        properties(object, schema, "", out, true);
        return out;
    }

    private static void value(JsonNode v, JsonNode s, String path, List<Cause> out) {
        if (v.isNull()) {
            if (!s.path("nullable").asBoolean(false) && (s.has("type") || intOrString(s))) {
                String type = intOrString(s) ? "integer,string" : s.path("type").asString();
                out.add(FieldErrors.invalid(path, "null", path + " in body must be of type " + type + ": \"null\""));
            }
            return;
        }
        String actual = typeOf(v);
        if (intOrString(s)) {
            if (!actual.equals("integer") && !actual.equals("string")) {
                out.add(FieldErrors.invalid(path, actual, path + " in body must be of type integer,string: \""
                        + actual + "\""));
                return;
            }
        } else if (s.has("type")) {
            String type = s.path("type").asString();
            boolean ok = type.equals(actual) || type.equals("number") && actual.equals("integer");
            if (!ok) {
                out.add(FieldErrors.invalid(path, actual, path + " in body must be of type " + type + ": \"" + actual
                        + "\""));
                return;
            }
        }
        enumeration(v, s, path, out);
        if (v.isString()) {
            string(v.asString(), v, s, path, out);
        } else if (v.isNumber()) {
            number(v, s, path, out);
        } else if (v.isArray()) {
            array(v, s, path, out);
        } else if (v.isObject()) {
            if (s.path("x-kubernetes-embedded-resource").asBoolean(false)) {
                for (String f : List.of("apiVersion", "kind")) {
                    if (v.path(f).asString("").isEmpty()) {
                        out.add(FieldErrors.required(child(path, f), "must not be empty"));
                    }
                }
            }
            properties(v, s, path, out, false);
        }
    }

    private static void enumeration(JsonNode v, JsonNode s, String path, List<Cause> out) {
        JsonNode e = s.get("enum");
        if (e == null || !e.isArray()) {
            return;
        }
        for (JsonNode allowed : e) {
            if (sameValue(allowed, v)) {
                return;
            }
        }
        List<String> supported = new ArrayList<>();
        e.forEach(a -> supported.add(FieldErrors.show(a)));
        out.add(FieldErrors.notSupported(path, v, supported));
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static void string(String text, JsonNode v, JsonNode s, String path, List<Cause> out) {
        long length = text.codePointCount(0, text.length());
        if (s.has("maxLength") && length > s.path("maxLength").asLong()) {
            out.add(FieldErrors.tooLong(path, s.path("maxLength").asLong()));
        }
        if (s.has("minLength") && length < s.path("minLength").asLong()) {
            out.add(FieldErrors.invalid(path, v, path + " in body should be at least " + s.path("minLength").asLong()
                    + " chars long"));
        }
        if (s.has("pattern")) {
            String pattern = s.path("pattern").asString();
            try {
                if (!Pattern.compile(pattern).matcher(text).find()) {
                    out.add(FieldErrors.invalid(path, v, path + " in body should match '" + pattern + "'"));
                }
            } catch (PatternSyntaxException e) {
                out.add(FieldErrors.invalid(path, v, path + " in body should match '" + pattern + "'"));
            }
        }
        String format = s.path("format").asString("");
        if (!format.isEmpty() && !Formats.valid(format, text)) {
            out.add(FieldErrors.invalid(path, v, path + " in body must be of type " + format + ": "
                    + FieldErrors.quote(text)));
        }
    }

    private static void number(JsonNode v, JsonNode s, String path, List<Cause> out) {
        BigDecimal n = v.decimalValue();
        if (s.has("maximum")) {
            BigDecimal max = s.get("maximum").decimalValue();
            boolean exclusive = s.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? n.compareTo(max) >= 0 : n.compareTo(max) > 0) {
                out.add(FieldErrors.invalid(path, v, path + " in body should be less than "
                        + (exclusive ? "" : "or equal to ") + FieldErrors.number(s.get("maximum"))));
            }
        }
        if (s.has("minimum")) {
            BigDecimal min = s.get("minimum").decimalValue();
            boolean exclusive = s.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? n.compareTo(min) <= 0 : n.compareTo(min) < 0) {
                out.add(FieldErrors.invalid(path, v, path + " in body should be greater than "
                        + (exclusive ? "" : "or equal to ") + FieldErrors.number(s.get("minimum"))));
            }
        }
        if (s.has("multipleOf") && s.get("multipleOf").decimalValue().signum() > 0
                && n.remainder(s.get("multipleOf").decimalValue()).signum() != 0) {
            out.add(FieldErrors.invalid(path, v, path + " in body should be a multiple of "
                    + FieldErrors.number(s.get("multipleOf"))));
        }
    }

    private static void array(JsonNode v, JsonNode s, String path, List<Cause> out) {
        if (s.has("maxItems") && v.size() > s.path("maxItems").asLong()) {
            out.add(FieldErrors.tooMany(path, v.size(), s.path("maxItems").asLong()));
        }
        if (s.has("minItems") && v.size() < s.path("minItems").asLong()) {
            out.add(FieldErrors.invalid(path, v, path + " in body should have at least "
                    + s.path("minItems").asLong() + " items"));
        }
        JsonNode items = s.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < v.size(); i++) {
                value(v.get(i), items, path + "[" + i + "]", out);
            }
        }
    }

    private static void properties(JsonNode v, JsonNode s, String path, List<Cause> out, boolean root) {
        if (s.has("maxProperties") && v.size() > s.path("maxProperties").asLong()) {
            out.add(FieldErrors.invalid(path, v, path + " in body should have at most "
                    + s.path("maxProperties").asLong() + " properties"));
        }
        if (s.has("minProperties") && v.size() < s.path("minProperties").asLong()) {
            out.add(FieldErrors.invalid(path, v, path + " in body should have at least "
                    + s.path("minProperties").asLong() + " properties"));
        }
        for (JsonNode r : s.path("required")) {
            if (!v.has(r.asString())) {
                out.add(FieldErrors.required(child(path, r.asString()), ""));
            }
        }
        JsonNode props = s.path("properties");
        JsonNode additional = s.get("additionalProperties");
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(v.properties());
        fields.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, JsonNode> f : fields) {
            String name = f.getKey();
            if (root && (name.equals("metadata") || name.equals("apiVersion") || name.equals("kind"))) {
                continue;
            }
            JsonNode ps = props.get(name);
            if (ps == null && additional != null && additional.isObject()) {
                ps = additional;
            }
            if (ps != null) {
                value(f.getValue(), ps, child(path, name), out);
            }
        }
    }

    static boolean intOrString(JsonNode s) {
        return s.path("x-kubernetes-int-or-string").asBoolean(false);
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The JSON type of a value as kube names it. */
    static String typeOf(JsonNode v) {
        if (v.isString()) {
            return "string";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return "null";
    }
}
