package io.cairn.apiserver.protobuf;

import static io.cairn.apiserver.protobuf.Bodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Properties that hold for every registered kind, checked on every one of them. */
class EveryKindTest {

    /** Deep enough for a CronJob's job template's pod spec's containers' probes. */
    private static final int DEPTH = 10;

    static Stream<KindKey> kinds() {
        return KindRegistry.keys().stream();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDefaultInstanceOfEveryKindDecodesToItsTypeMetaAlone(KindKey key) throws Exception {
        Message empty = KindRegistry.lookup(key.apiVersion(), key.kind()).orElseThrow();

        ObjectNode json = KubeProtobuf.decode(body(key.apiVersion(), key.kind(), empty));

        assertThat(json.propertyNames()).containsExactly("apiVersion", "kind");
        assertThat(json.get("apiVersion").asString()).isEqualTo(key.apiVersion());
        assertThat(json.get("kind").asString()).isEqualTo(key.kind());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyKindWithEveryFieldSetDecodesAndNoProtoFieldNameLeaksThroughAnInlinedStruct(KindKey key)
            throws Exception {
        Message full = populate(KindRegistry.lookup(key.apiVersion(), key.kind()).orElseThrow().toBuilder(), 0);

        ObjectNode json = KubeProtobuf.decode(body(key.apiVersion(), key.kind(), full));

        assertThat(json.size()).isGreaterThan(2);
        assertThat(fieldNames(json)).doesNotContain("volumeSource", "handler", "localObjectReference",
                "ingressRuleValue", "ephemeralContainerCommon", "persistentVolumeSource", "aPIGroup");
    }

    /**
     * Sets every field to a non-zero value down to {@link #DEPTH}: "1" for strings, 1 for numbers, true,
     * {@code {}} for bytes (valid embedded JSON and valid base64 input), one element per list and map.
     */
    private static Message populate(Message.Builder builder, int depth) {
        for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                // a map entry and its value are two levels: stop before an entry whose value would be cut off
                if (depth + (field.isMapField() ? 2 : 1) > DEPTH) {
                    continue;
                }
                Message value = populate(builder.newBuilderForField(field), depth + 1);
                if (field.isRepeated()) {
                    builder.addRepeatedField(field, value);
                } else {
                    builder.setField(field, value);
                }
            } else if (field.isRepeated()) {
                builder.addRepeatedField(field, scalar(field));
            } else {
                builder.setField(field, scalar(field));
            }
        }
        return builder.build();
    }

    private static Object scalar(FieldDescriptor field) {
        return switch (field.getJavaType()) {
            case INT -> 1;
            case LONG -> 1L;
            case FLOAT -> 1f;
            case DOUBLE -> 1d;
            case BOOLEAN -> true;
            case STRING -> "1";
            case BYTE_STRING -> ByteString.copyFromUtf8("{}");
            case ENUM -> field.getEnumType().getValues().getFirst();
            case MESSAGE -> throw new IllegalArgumentException(field.getFullName());
        };
    }

    private static Stream<String> fieldNames(JsonNode node) {
        Stream<String> own = node.isObject() ? node.propertyNames().stream() : Stream.empty();
        return Stream.concat(own, node.valueStream().flatMap(EveryKindTest::fieldNames));
    }
}
