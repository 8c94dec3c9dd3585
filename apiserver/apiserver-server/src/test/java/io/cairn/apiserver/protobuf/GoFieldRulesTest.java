package io.cairn.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.JavaType;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Coordination;
import io.kubernetes.client.proto.V1Discovery;
import io.kubernetes.client.proto.V1Events;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2Autoscaling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoFieldRulesTest {

    private static final Map<String, Descriptor> MESSAGES = messages(Meta.getDescriptor(), V1.getDescriptor(),
            V1Apps.getDescriptor(), V1Batch.getDescriptor(), V1Coordination.getDescriptor(), V1Rbac.getDescriptor(),
            V1Policy.getDescriptor(), V1Scheduling.getDescriptor(), V1Networking.getDescriptor(),
            V1Events.getDescriptor(), V1Discovery.getDescriptor(), V1Storage.getDescriptor(),
            V1Autoscaling.getDescriptor(), V2Autoscaling.getDescriptor());

    private final GoFieldRules rules = GoFieldRules.kubernetes();

    @Test
    void everyZeroRuleNamesANumberOrBoolFieldOfAKnownMessage() {
        assertThat(rules.zeroOmitted()).hasSizeGreaterThan(100).allSatisfy(key ->
                assertThat(field(key).map(FieldDescriptor::getJavaType))
                        .as(key).get().isIn(JavaType.INT, JavaType.LONG, JavaType.BOOLEAN, JavaType.DOUBLE));
    }

    @Test
    void everyStringRuleNamesAStringFieldOfAKnownMessage() {
        assertThat(rules.emptyStringKept()).hasSizeGreaterThan(100).allSatisfy(key ->
                assertThat(field(key).map(FieldDescriptor::getJavaType)).as(key).contains(JavaType.STRING));
    }

    @Test
    void everyInlineRuleNamesAMessageFieldOfAKnownMessage() {
        assertThat(rules.inlined()).contains("k8s.io.api.core.v1.Volume volumeSource").allSatisfy(key ->
                assertThat(field(key).map(FieldDescriptor::getJavaType)).as(key).contains(JavaType.MESSAGE));
    }

    @Test
    void everyRenameNamesAFieldOfAKnownMessage() {
        assertThat(rules.renamed()).containsEntry("k8s.io.api.networking.v1.IngressClassParametersReference aPIGroup",
                "apiGroup");
        assertThat(rules.renamed().keySet()).allSatisfy(key -> assertThat(field(key)).as(key).isPresent());
    }

    @Test
    void theKubernetesTableKnowsThePointerAndNonPointerFieldsOfObjectMetaAndDeployments() {
        FieldDescriptor generation = Meta.ObjectMeta.getDescriptor().findFieldByName("generation");
        FieldDescriptor replicas = V1Apps.DeploymentSpec.getDescriptor().findFieldByName("replicas");
        FieldDescriptor containerName = V1.Container.getDescriptor().findFieldByName("name");
        FieldDescriptor image = V1.Container.getDescriptor().findFieldByName("image");

        assertThat(rules.omitsZero(generation)).isTrue();
        assertThat(rules.omitsZero(replicas)).isFalse();
        assertThat(rules.keepsEmptyString(containerName)).isTrue();
        assertThat(rules.keepsEmptyString(image)).isFalse();
    }

    @Test
    void aTableLineListsSeveralFieldsOfOneMessageAndCommentsAreSkipped() {
        GoFieldRules parsed = GoFieldRules.parse(List.of(
                "# comment", "", "zero a.B x y", "string a.B s", "inline a.B i", "rename a.B p q"));

        assertThat(parsed.zeroOmitted()).isEqualTo(Set.of("a.B x", "a.B y"));
        assertThat(parsed.emptyStringKept()).isEqualTo(Set.of("a.B s"));
        assertThat(parsed.inlined()).isEqualTo(Set.of("a.B i"));
        assertThat(parsed.renamed()).isEqualTo(Map.of("a.B p", "q"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"zero a.B", "omit a.B x", "rename a.B p", "rename a.B p q r"})
    void aMalformedTableLineIsRejected(String line) {
        assertThatThrownBy(() -> GoFieldRules.parse(List.of(line))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<FieldDescriptor> field(String key) {
        String[] parts = key.split(" ");
        return Optional.ofNullable(MESSAGES.get(parts[0])).map(message -> message.findFieldByName(parts[1]));
    }

    private static Map<String, Descriptor> messages(FileDescriptor... files) {
        Map<String, Descriptor> messages = new HashMap<>();
        for (FileDescriptor file : files) {
            file.getMessageTypes().forEach(message -> messages.put(message.getFullName(), message));
        }
        return messages;
    }
}
