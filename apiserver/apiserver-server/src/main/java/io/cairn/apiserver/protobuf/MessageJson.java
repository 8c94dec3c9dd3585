package io.cairn.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Converts any Kubernetes protobuf message to the JSON kube-apiserver's encoder writes for the same Go object, by
 * walking the message's descriptor.
 *
 * <p>Why one walker: the kinds differ only in their descriptors, so the Go encoding rules are written once.
 * Within an object a field is written when the body holds it, except that:
 * <ul>
 *   <li>an empty string is dropped unless Go writes it anyway (see {@link GoFieldRules});</li>
 *   <li>a zero number or false bool is kept (a pointer such as {@code replicas: 0} means something) unless the Go
 *       field is a non-pointer tagged omitempty, such as {@code metadata.generation};</li>
 *   <li>empty lists, maps and byte strings are dropped;</li>
 *   <li>a nested message is kept, even empty: kube's marshaller writes a non-pointer struct always and a pointer
 *       struct when set, and Go's JSON writes both, so {@code "spec":{}} comes out as kube would write it;</li>
 *   <li>the apimachinery value types ({@link KubeValueType}) are written in their own JSON form, and one that Go
 *       writes as {@code null} (a zero {@code creationTimestamp}) is dropped;</li>
 *   <li>an embedded Go struct ({@code Volume.volumeSource}, {@code Probe.handler}, ...) is written inline.</li>
 * </ul>
 * Map values and list elements are always written, since Go's omitempty applies to fields only; map keys are
 * sorted as Go sorts them.
 */
final class MessageJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GoFieldRules rules;
    private final JsonMapper mapper;

    MessageJson(GoFieldRules rules, JsonMapper mapper) {
        this.rules = rules;
        this.mapper = mapper;
    }

    /** The JSON object of {@code message}, which must not itself be one of the {@link KubeValueType}s. */
    ObjectNode object(Message message) throws ProtobufBodyException {
        ObjectNode out = NODES.objectNode();
        fill(out, message);
        return out;
    }

    private void fill(ObjectNode out, Message message) throws ProtobufBodyException {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isRepeated()) {
                if (message.getRepeatedFieldCount(field) > 0) {
                    List<?> values = (List<?>) message.getField(field);
                    out.set(rules.jsonName(field), field.isMapField() ? map(field, values) : array(field, values));
                }
            } else if (message.hasField(field)) {
                Object value = message.getField(field);
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && rules.inlines(field)) {
                    fill(out, (Message) value);
                } else {
                    Optional<JsonNode> json = fieldValue(field, value);
                    if (json.isPresent()) {
                        out.set(rules.jsonName(field), json.get());
                    }
                }
            }
        }
    }

    /** A singular field's JSON, or empty where Go leaves the field out. */
    private Optional<JsonNode> fieldValue(FieldDescriptor field, Object value) throws ProtobufBodyException {
        return switch (field.getJavaType()) {
            case MESSAGE -> message((Message) value);
            case STRING -> ((String) value).isEmpty() && !rules.keepsEmptyString(field)
                    ? Optional.empty() : Optional.of(scalar(field, value));
            case BYTE_STRING -> ((ByteString) value).isEmpty() ? Optional.empty() : Optional.of(scalar(field, value));
            default -> isZero(value) && rules.omitsZero(field) ? Optional.empty() : Optional.of(scalar(field, value));
        };
    }

    private Optional<JsonNode> message(Message value) throws ProtobufBodyException {
        Optional<KubeValueType> special = KubeValueType.of(value.getDescriptorForType().getFullName());
        if (special.isPresent()) {
            return special.get().json(value, mapper);
        }
        return Optional.of(object(value));
    }

    /** A list element or map value: always written, as {@code null} where Go writes null. */
    private JsonNode element(FieldDescriptor field, Object value) throws ProtobufBodyException {
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            return message((Message) value).orElseGet(NODES::nullNode);
        }
        return scalar(field, value);
    }

    private ArrayNode array(FieldDescriptor field, List<?> values) throws ProtobufBodyException {
        ArrayNode array = NODES.arrayNode(values.size());
        for (Object value : values) {
            array.add(element(field, value));
        }
        return array;
    }

    private ObjectNode map(FieldDescriptor field, List<?> entries) throws ProtobufBodyException {
        FieldDescriptor keyField = field.getMessageType().findFieldByNumber(1);
        FieldDescriptor valueField = field.getMessageType().findFieldByNumber(2);
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Object entry : entries) {
            Message pair = (Message) entry;
            sorted.put(String.valueOf(pair.getField(keyField)), element(valueField, pair.getField(valueField)));
        }
        ObjectNode out = NODES.objectNode();
        sorted.forEach(out::set);
        return out;
    }

    private static JsonNode scalar(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> NODES.numberNode((Integer) value);
            case INT64, SINT64, SFIXED64 -> NODES.numberNode((Long) value);
            case UINT32, FIXED32 -> NODES.numberNode(Integer.toUnsignedLong((Integer) value));
            case UINT64, FIXED64 -> NODES.numberNode(new BigInteger(Long.toUnsignedString((Long) value)));
            case FLOAT -> NODES.numberNode((Float) value);
            case DOUBLE -> NODES.numberNode((Double) value);
            case BOOL -> NODES.booleanNode((Boolean) value);
            case STRING -> NODES.stringNode((String) value);
            case BYTES -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
            case ENUM -> NODES.stringNode(((EnumValueDescriptor) value).getName());
            case MESSAGE, GROUP -> throw new IllegalArgumentException("not a scalar field: " + field.getFullName());
        };
    }

    private static boolean isZero(Object value) {
        return switch (value) {
            case Boolean flag -> !flag;
            case Number number -> number.doubleValue() == 0;
            default -> false;
        };
    }
}
