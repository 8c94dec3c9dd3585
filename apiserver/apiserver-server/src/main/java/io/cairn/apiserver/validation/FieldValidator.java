package io.cairn.apiserver.validation;

import io.cairn.apiserver.registry.Models;
import io.cairn.apiserver.registry.ObjectCodec;
import io.cairn.apiserver.resource.ResourceType;
import io.cairn.apiserver.status.Statuses;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Field validation of create and update bodies: finds unknown and duplicate fields, drops the unknown ones, and fails,
 * warns or stays silent by the request's {@link FieldValidation}.
 *
 * <p>Why: kube-apiserver decodes bodies into its typed structs — strictly for {@code Strict} and {@code Warn} — so
 * unknown fields never reach storage, and a strict failure is the decoder's 400 ({@code ConfigMap in version "v1"
 * cannot be handled as a ConfigMap: strict decoding error: ...}). Kinds without a model class only have their
 * duplicate keys checked.
 */
public final class FieldValidator {
    private FieldValidator() {
    }

    /**
     * Checks a create or update body.
     *
     * @param raw the bytes as sent, where duplicates are still visible
     * @param mediaType the body's media type ({@code application/json}, {@code application/yaml}, protobuf)
     * @param parsed the decoded body
     */
    public static Checked body(ResourceType t, byte[] raw, String mediaType, ObjectNode parsed, FieldValidation mode) {
        Shape shape = shape(t);
        List<String> errors = new ArrayList<>();
        List<Problem> problems;
        if (mediaType.equals("application/yaml")) {
            List<String> duplicates = YamlDuplicates.scan(raw);
            if (!duplicates.isEmpty()) {
                errors.add(YamlDuplicates.PREFIX + "  " + String.join("\n  ", duplicates));
            }
            problems = StrictScan.scan(ObjectCodec.JSON.treeAsTokens(parsed), shape);
        } else if (mediaType.equals("application/json") || mediaType.isEmpty()) {
            problems = scanBytes(raw, parsed, shape);
        } else {
            problems = StrictScan.scan(ObjectCodec.JSON.treeAsTokens(parsed), shape);
        }
        problems.forEach(p -> errors.add(p.message()));
        ObjectNode cleaned = drop(parsed, problems);
        if (errors.isEmpty() || mode == FieldValidation.IGNORE) {
            return new Checked(cleaned, List.of());
        }
        if (mode == FieldValidation.STRICT) {
            throw Statuses.badRequest(t.kind() + " in version \"" + t.version() + "\" cannot be handled as a "
                    + t.kind() + ": strict decoding error: " + String.join(", ", errors));
        }
        return new Checked(cleaned, warnings(errors));
    }

    /** The checks of a patch request; apply them to each patched object. */
    public static PatchValidation patch(ResourceType t, String mediaType, byte[] raw, FieldValidation mode) {
        List<String> bodyErrors = new ArrayList<>();
        if (mode.checks()) {
            try {
                if (mediaType.equals("application/json-patch+json")) {
                    StrictScan.scan(ObjectCodec.JSON.createParser(raw), new Shape.ListOf(JsonPatchOperation.class))
                            .forEach(p -> bodyErrors.add("json patch " + p.message()));
                } else {
                    StrictScan.scan(ObjectCodec.JSON.createParser(raw), new Shape.MapOf(Object.class))
                            .forEach(p -> bodyErrors.add(p.message()));
                }
            } catch (JacksonException e) {
                // a malformed patch is answered by the patch step itself
            }
        }
        return new PatchValidation(shape(t), mode, bodyErrors);
    }

    static Shape shape(ResourceType t) {
        if (t.custom().flatMap(c -> c.schema()).isPresent()) {
            return new Shape.Schema(t.custom().get().schema().get(), true);
        }
        return Models.of(t).map(Shapes::of).orElse(new Shape.Untyped());
    }

    /** Problems of an object that is already a tree: only unknown fields, duplicates are gone. */
    static List<Problem> scanTree(ObjectNode object, Shape shape) {
        return StrictScan.scan(ObjectCodec.JSON.treeAsTokens(object), shape);
    }

    /** kube's warnings: one per problem, the lines of a YAML error split apart. */
    static List<String> warnings(List<String> errors) {
        List<String> out = new ArrayList<>();
        for (String e : errors) {
            if (e.startsWith(YamlDuplicates.PREFIX)) {
                for (String line : e.substring(YamlDuplicates.PREFIX.length()).split("\n")) {
                    out.add(line.strip());
                }
            } else {
                out.add(e);
            }
        }
        return out;
    }

    /** A copy of {@code object} without its unknown fields. */
    static ObjectNode drop(ObjectNode object, List<Problem> problems) {
        ObjectNode copy = object.deepCopy();
        for (Problem p : problems) {
            if (!p.unknown()) {
                continue;
            }
            JsonNode at = copy;
            List<Object> loc = p.location();
            for (Object s : loc.subList(0, loc.size() - 1)) {
                at = s instanceof Integer i ? at.path(i) : at.path((String) s);
            }
            if (at instanceof ObjectNode o) {
                o.remove((String) loc.getLast());
            }
        }
        return copy;
    }

    private static List<Problem> scanBytes(byte[] raw, ObjectNode parsed, Shape shape) {
        try {
            return StrictScan.scan(ObjectCodec.JSON.createParser(raw), shape);
        } catch (JacksonException e) {
            return scanTree(parsed, shape);
        }
    }
}
