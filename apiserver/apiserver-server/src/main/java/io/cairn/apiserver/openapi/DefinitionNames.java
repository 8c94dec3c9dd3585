package io.cairn.apiserver.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apiextensions;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Coordination;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kube's OpenAPI definition name of each client-java model class ({@code V1ConfigMap} →
 * {@code io.k8s.api.core.v1.ConfigMap}, {@code V1ObjectMeta} → {@code io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta}).
 *
 * <p>Why a rule and not a list: a definition name is the Go package of the type plus its name, and client-java's
 * class name drops the package. The Go package is recovered from client-java-proto, whose messages are generated
 * from the same Kubernetes types and whose proto packages are the Go package paths ({@code k8s.io.api.core.v1}). A
 * class {@code <Group?><Version><Name>} names the one message {@code Name} of that version; the group prefix that
 * client-java adds where two groups share a name ({@code CoreV1Event}) picks between them. A class the rule cannot
 * place fails loudly instead of getting a made-up name.
 */
final class DefinitionNames {
    private static final Pattern CLASS = Pattern.compile("([A-Z][a-z]+)?(V\\d+(?:(?:alpha|beta)\\d+)?)([A-Z]\\w*)");

    /**
     * The Go packages whose types the served built-in kinds reach (core, apps, coordination, autoscaling,
     * apiextensions, meta).
     */
    private static final List<FileDescriptor> FILES = List.of(V1.getDescriptor(), V1Apps.getDescriptor(),
            V1Coordination.getDescriptor(), V1Autoscaling.getDescriptor(), V1Apiextensions.getDescriptor(),
            Meta.getDescriptor(),
            Resource.getDescriptor(), IntStr.getDescriptor(), Runtime.getDescriptor());

    private final Map<String, List<Descriptor>> byVersionAndName = new HashMap<>();

    DefinitionNames() {
        for (FileDescriptor f : FILES) {
            String version = f.getPackage().substring(f.getPackage().lastIndexOf('.') + 1);
            for (Descriptor d : f.getMessageTypes()) {
                byVersionAndName.computeIfAbsent(version + "/" + d.getName(), k -> new ArrayList<>()).add(d);
            }
        }
    }

    /** The definition name of a model class. */
    String of(Class<?> model) {
        return definition(message(model).orElseThrow(() -> new IllegalArgumentException(
                "no Kubernetes type for model class " + model.getName())));
    }

    /** The protobuf message generated from the same Kubernetes type as the model class. */
    Optional<Descriptor> message(Class<?> model) {
        Matcher m = CLASS.matcher(model.getSimpleName());
        if (!m.matches()) {
            return Optional.empty();
        }
        List<Descriptor> candidates = byVersionAndName.getOrDefault(
                m.group(2).toLowerCase(Locale.ROOT) + "/" + m.group(3), List.of());
        if (m.group(1) != null) {
            String group = "." + m.group(1).toLowerCase(Locale.ROOT) + ".";
            candidates = candidates.stream().filter(d -> d.getFile().getPackage().contains(group)).toList();
        }
        if (candidates.size() > 1) {
            // core/v1 repeats a few meta/v1 types (Preconditions); standing alone, a class means the meta one
            List<Descriptor> meta = candidates.stream().filter(d -> d.getFile() == Meta.getDescriptor()).toList();
            candidates = meta.size() == 1 ? meta : candidates;
        }
        if (candidates.size() > 1) {
            throw new IllegalStateException("model class " + model.getName() + " matches several Kubernetes types: "
                    + candidates.stream().map(Descriptor::getFullName).toList());
        }
        return candidates.stream().findFirst();
    }

    /**
     * The definition a field of a model refers to, read from the field of the same JSON name in the message, e.g.
     * {@code MicroTime} rather than {@code Time} for a lease's {@code renewTime}; both are one Java type in client-java.
     */
    Optional<String> fieldType(Class<?> model, String jsonName) {
        return message(model).flatMap(d -> d.getFields().stream().filter(f -> f.getName().equals(jsonName))
                .filter(f -> f.getType() == FieldDescriptor.Type.MESSAGE).findFirst())
                .map(f -> f.isMapField() ? f.getMessageType().findFieldByName("value") : f)
                .filter(f -> f.getType() == FieldDescriptor.Type.MESSAGE)
                .map(f -> definition(f.getMessageType()));
    }

    /** The Kubernetes type name of a model class without its group and version: {@code V1ObjectMeta} → ObjectMeta. */
    String simpleName(Class<?> model) {
        Matcher m = CLASS.matcher(model.getSimpleName());
        return m.matches() ? m.group(3) : model.getSimpleName();
    }

    /**
     * {@code k8s.io.api.core.v1.ConfigMap} → {@code io.k8s.api.core.v1.ConfigMap}; the one Go module whose name has a
     * dash, which protobuf packages cannot spell, gets it back ({@code io.k8s.apiextensions-apiserver…}).
     */
    static String definition(Descriptor message) {
        String full = message.getFullName();
        String name = full.startsWith("k8s.io.") ? "io.k8s." + full.substring("k8s.io.".length()) : full;
        return name.replace("apiextensions_apiserver", "apiextensions-apiserver");
    }
}
