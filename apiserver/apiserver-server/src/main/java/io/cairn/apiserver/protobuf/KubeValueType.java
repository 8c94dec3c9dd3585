package io.cairn.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The apimachinery value types whose JSON is not the object their message describes: times, durations,
 * int-or-string, quantities and embedded raw JSON.
 *
 * <p>Why: in Go these types carry their own JSON marshallers, so a field-by-field walk would write
 * {@code {"seconds":...}} where kube writes {@code "2026-11-28T10:00:00Z"}. Each constant converts one such message;
 * an empty result means Go writes {@code null} (a zero time, no raw bytes), which Cairn leaves out of an object.
 */
enum KubeValueType {

    /** {@code metav1.Time}: RFC 3339 in UTC, whole seconds (kube drops the nanoseconds when decoding). */
    TIME("k8s.io.apimachinery.pkg.apis.meta.v1.Time") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) {
            Meta.Time time = (Meta.Time) message;
            if (!time.hasSeconds() && !time.hasNanos()) {
                return Optional.empty();
            }
            return Optional.of(NODES.stringNode(SECONDS.format(Instant.ofEpochSecond(time.getSeconds()))));
        }
    },

    /** {@code metav1.MicroTime}: RFC 3339 in UTC with six fractional digits, nanoseconds truncated. */
    MICRO_TIME("k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) {
            Meta.MicroTime time = (Meta.MicroTime) message;
            if (!time.hasSeconds() && !time.hasNanos()) {
                return Optional.empty();
            }
            Instant instant = Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).truncatedTo(ChronoUnit.MICROS);
            return Optional.of(NODES.stringNode(MICROS.format(instant)));
        }
    },

    /** {@code metav1.Duration}: Go's duration string, such as "1m30s". */
    DURATION("k8s.io.apimachinery.pkg.apis.meta.v1.Duration") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) {
            return Optional.of(NODES.stringNode(GoDuration.format(((Meta.Duration) message).getDuration())));
        }
    },

    /** {@code metav1.FieldsV1}: the managed-fields JSON it carries. */
    FIELDS_V1("k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) throws ProtobufBodyException {
            return embedded(((Meta.FieldsV1) message).getRaw(), mapper, "FieldsV1");
        }
    },

    /** {@code runtime.RawExtension}: the JSON it carries. */
    RAW_EXTENSION("k8s.io.apimachinery.pkg.runtime.RawExtension") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) throws ProtobufBodyException {
            return embedded(((RawExtension) message).getRaw(), mapper, "RawExtension");
        }
    },

    /** {@code intstr.IntOrString}: a JSON number for type 0, a JSON string for type 1. */
    INT_OR_STRING("k8s.io.apimachinery.pkg.util.intstr.IntOrString") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) throws ProtobufBodyException {
            IntOrString value = (IntOrString) message;
            if (value.getType() == 0) {
                return Optional.of(NODES.numberNode(value.getIntVal()));
            }
            if (value.getType() == 1) {
                return Optional.of(NODES.stringNode(value.getStrVal()));
            }
            throw new ProtobufBodyException("impossible IntOrString.Type");
        }
    },

    /** {@code resource.Quantity}: its string form, which kube refuses when empty. */
    QUANTITY("k8s.io.apimachinery.pkg.api.resource.Quantity") {
        @Override
        Optional<JsonNode> json(Message message, JsonMapper mapper) throws ProtobufBodyException {
            String text = ((Quantity) message).getString();
            if (text.isEmpty()) {
                throw new ProtobufBodyException("quantities must match the regular expression '"
                        + "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
            }
            return Optional.of(NODES.stringNode(text));
        }
    };

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Map<String, KubeValueType> BY_MESSAGE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(type -> type.messageName, Function.identity()));

    private final String messageName;

    KubeValueType(String messageName) {
        this.messageName = messageName;
    }

    /** The type converting messages of the given full proto name, if it is one of these. */
    static Optional<KubeValueType> of(String messageFullName) {
        return Optional.ofNullable(BY_MESSAGE.get(messageFullName));
    }

    /** The JSON Go writes for {@code message}; empty where Go writes {@code null}. */
    abstract Optional<JsonNode> json(Message message, JsonMapper mapper) throws ProtobufBodyException;

    private static Optional<JsonNode> embedded(ByteString raw, JsonMapper mapper, String what)
            throws ProtobufBodyException {
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(mapper.readTree(raw.toByteArray()));
        } catch (JacksonException e) {
            throw new ProtobufBodyException(what + " does not hold valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
