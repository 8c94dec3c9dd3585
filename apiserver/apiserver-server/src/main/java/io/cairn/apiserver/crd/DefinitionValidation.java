package io.cairn.apiserver.crd;

import io.cairn.apiserver.status.Cause;
import io.cairn.apiserver.table.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * kube-apiserver's checks of a CustomResourceDefinition (apiextensions.k8s.io/v1) with its field paths and messages:
 * the name, group, scope, names, versions (unique DNS-1035 names, exactly one storage version, a schema for each),
 * the structural-schema rules that matter for serving, subresources and printer columns, and on updates the
 * immutable group and plural (and scope and kind once established).
 *
 * <p>Why: a bad definition must be refused before it changes what the server serves.
 */
final class DefinitionValidation {
    private static final Pattern LABEL_1035 = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String LABEL_1035_MESSAGE = "a DNS-1035 label must consist of lower case alphanumeric"
            + " characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g."
            + " 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private static final String SUBDOMAIN_MESSAGE = "a lowercase RFC 1123 subdomain must consist of lower case"
            + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
            + " 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final List<String> COLUMN_TYPES = List.of("boolean", "date", "integer", "number", "string");
    private static final List<String> COLUMN_FORMATS = List.of("byte", "date", "date-time", "double", "float",
            "int32", "int64", "password");

    private DefinitionValidation() {
    }

    /** The causes of a definition to create (defaults already applied). */
    static List<Cause> create(JsonNode crd) {
        List<Cause> out = new ArrayList<>();
        JsonNode spec = crd.path("spec");
        String name = crd.path("metadata").path("name").asString("");
        String group = spec.path("group").asString("");
        String plural = spec.path("names").path("plural").asString("");
        if (!name.equals(plural + "." + group)) {
            out.add(FieldErrors.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        if (group.isEmpty()) {
            out.add(FieldErrors.required("spec.group", ""));
        } else if (group.length() > 253 || !SUBDOMAIN.matcher(group).matches()) {
            out.add(FieldErrors.invalid("spec.group", group, group.length() > 253
                    ? "must be no more than 253 characters" : SUBDOMAIN_MESSAGE));
        } else if (!group.contains(".")) {
            out.add(FieldErrors.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
        String scope = spec.path("scope").asString("");
        if (scope.isEmpty()) {
            out.add(FieldErrors.required("spec.scope", ""));
        } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
            out.add(FieldErrors.notSupported("spec.scope", spec.get("scope"), List.of("\"Cluster\"",
                    "\"Namespaced\"")));
        }
        versions(spec, out);
        names(spec.path("names"), out);
        conversion(spec.path("conversion"), out);
        return out;
    }

    /** The causes of an update from {@code old} to {@code crd}. */
    static List<Cause> update(JsonNode crd, JsonNode old) {
        List<Cause> out = create(crd);
        JsonNode spec = crd.path("spec");
        JsonNode before = old.path("spec");
        if (Definition.of(old).established()) {
            immutable(spec.path("scope"), before.path("scope"), "spec.scope", out);
            immutable(spec.path("names").path("kind"), before.path("names").path("kind"), "spec.names.kind", out);
        }
        immutable(spec.path("group"), before.path("group"), "spec.group", out);
        immutable(spec.path("names").path("plural"), before.path("names").path("plural"), "spec.names.plural", out);
        return out;
    }

    private static void immutable(JsonNode now, JsonNode before, String field, List<Cause> out) {
        if (!now.equals(before)) {
            out.add(FieldErrors.invalid(field, now, "field is immutable"));
        }
    }

    private static void versions(JsonNode spec, List<Cause> out) {
        JsonNode versions = spec.path("versions");
        int storage = 0;
        boolean served = false;
        boolean unique = true;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < versions.size(); i++) {
            JsonNode v = versions.get(i);
            String path = "spec.versions[" + i + "]";
            String name = v.path("name").asString("");
            storage += v.path("storage").asBoolean(false) ? 1 : 0;
            served |= v.path("served").asBoolean(false);
            unique &= seen.add(name);
            if (name.length() > 63 || !LABEL_1035.matcher(name).matches()) {
                out.add(FieldErrors.invalid(path + ".name", name, name.length() > 63
                        ? "must be no more than 63 characters" : LABEL_1035_MESSAGE));
            }
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            if (schema == null || !schema.isObject()) {
                out.add(FieldErrors.required(path + ".schema.openAPIV3Schema", "schemas are required"));
            } else {
                StructuralSchema.check(schema, path + ".schema.openAPIV3Schema", out);
            }
            subresources(v.path("subresources"), path + ".subresources", out);
            JsonNode columns = v.path("additionalPrinterColumns");
            for (int c = 0; c < columns.size(); c++) {
                column(columns.get(c), path + ".additionalPrinterColumns[" + c + "]", out);
            }
        }
        if (!unique) {
            out.add(FieldErrors.invalid("spec.versions", versions, "must contain unique version names"));
        }
        if (storage != 1) {
            out.add(FieldErrors.invalid("spec.versions", versions,
                    "must have exactly one version marked as storage version"));
        }
        if (!served && versions.size() > 0) {
            out.add(FieldErrors.invalid("spec.versions", versions, "must have at least one version marked as served"));
        }
    }

    private static void subresources(JsonNode sub, String path, List<Cause> out) {
        JsonNode scale = sub.get("scale");
        if (scale == null) {
            return;
        }
        String scalePath = path + ".scale";
        jsonPathUnder(scale, "specReplicasPath", scalePath, List.of(".spec."), true, out);
        jsonPathUnder(scale, "statusReplicasPath", scalePath, List.of(".status."), true, out);
        jsonPathUnder(scale, "labelSelectorPath", scalePath, List.of(".spec.", ".status."), false, out);
    }

    private static void jsonPathUnder(JsonNode scale, String field, String path, List<String> roots, boolean required,
                                      List<Cause> out) {
        String value = scale.path(field).asString("");
        if (value.isEmpty()) {
            if (required) {
                out.add(FieldErrors.required(path + "." + field, ""));
            }
            return;
        }
        boolean simple = JsonPath.parse(value).flatMap(JsonPath::names).isPresent() && value.startsWith(".");
        if (!simple) {
            out.add(FieldErrors.invalid(path + "." + field, value, "must be a simple json path starting with ."));
        } else if (roots.stream().noneMatch(value::startsWith)) {
            out.add(FieldErrors.invalid(path + "." + field, value, roots.size() == 1
                    ? "should be a json path under " + roots.getFirst().substring(0, roots.getFirst().length() - 1)
                    : "should be a json path under either .spec or .status"));
        }
    }

    private static void column(JsonNode c, String path, List<Cause> out) {
        if (c.path("name").asString("").isEmpty()) {
            out.add(FieldErrors.required(path + ".name", ""));
        }
        String type = c.path("type").asString("");
        if (type.isEmpty()) {
            out.add(FieldErrors.required(path + ".type", "must be one of " + String.join(",", COLUMN_TYPES)));
        } else if (!COLUMN_TYPES.contains(type)) {
            out.add(FieldErrors.invalid(path + ".type", type, "must be one of " + String.join(",", COLUMN_TYPES)));
        }
        String format = c.path("format").asString("");
        if (!format.isEmpty() && !COLUMN_FORMATS.contains(format)) {
            out.add(FieldErrors.invalid(path + ".format", format, "must be one of "
                    + String.join(",", COLUMN_FORMATS)));
        }
        String jsonPath = c.path("jsonPath").asString("");
        if (jsonPath.isEmpty()) {
            out.add(FieldErrors.required(path + ".jsonPath", ""));
        } else if (JsonPath.parse(jsonPath).isEmpty()) {
            out.add(FieldErrors.invalid(path + ".jsonPath", jsonPath, "must be a simple json path starting with ."));
        }
    }

    private static void names(JsonNode names, List<Cause> out) {
        for (String f : List.of("plural", "singular", "kind", "listKind")) {
            if (names.path(f).asString("").isEmpty()) {
                out.add(FieldErrors.required("spec.names." + f, ""));
            }
        }
        label(names, "plural", false, out);
        label(names, "singular", false, out);
        label(names, "kind", true, out);
        label(names, "listKind", true, out);
        String kind = names.path("kind").asString("");
        if (!kind.isEmpty() && kind.equals(names.path("listKind").asString(""))) {
            out.add(FieldErrors.invalid("spec.names.listKind", kind, "kind and listKind may not be the same"));
        }
        for (String list : List.of("shortNames", "categories")) {
            JsonNode items = names.path(list);
            for (int i = 0; i < items.size(); i++) {
                String v = items.get(i).asString("");
                if (!LABEL_1035.matcher(v).matches() || v.length() > 63) {
                    out.add(FieldErrors.invalid("spec.names." + list + "[" + i + "]", v, LABEL_1035_MESSAGE));
                }
            }
        }
    }

    private static void label(JsonNode names, String field, boolean mixedCase, List<Cause> out) {
        String v = names.path(field).asString("");
        String checked = mixedCase ? v.toLowerCase(Locale.ROOT) : v;
        if (!v.isEmpty() && (!LABEL_1035.matcher(checked).matches() || checked.length() > 63)) {
            out.add(FieldErrors.invalid("spec.names." + field, v, (mixedCase
                    ? "may have mixed case, but should otherwise match: " : "") + LABEL_1035_MESSAGE));
        }
    }

    private static void conversion(JsonNode conversion, List<Cause> out) {
        String strategy = conversion.path("strategy").asString("None");
        if (!strategy.equals("None") && !strategy.equals("Webhook")) {
            out.add(FieldErrors.notSupported("spec.conversion.strategy", conversion.get("strategy"),
                    List.of("\"None\"", "\"Webhook\"")));
        } else if (strategy.equals("Webhook")) {
            out.add(FieldErrors.forbidden("spec.conversion.strategy", "Webhook conversion is not supported by Cairn"));
        }
    }
}
