package io.cairn.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefinitionNamesTest {
    private static final DefinitionNames NAMES = new DefinitionNames();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "V1ConfigMap, io.k8s.api.core.v1.ConfigMap",
            "V1ObjectMeta, io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
            "V1Deployment, io.k8s.api.apps.v1.Deployment",
            "V1LeaseSpec, io.k8s.api.coordination.v1.LeaseSpec",
            "V1Scale, io.k8s.api.autoscaling.v1.Scale",
            "CoreV1Event, io.k8s.api.core.v1.Event",
            "V1Preconditions, io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions",
    })
    void aModelClassGetsKubesDefinitionName(String model, String definition) {
        assertThat(NAMES.of(ModelSchemas.model(model).orElseThrow())).isEqualTo(definition);
    }

    @Test
    void aFieldsProtobufTypeTellsMicroTimeFromTimeAndNamesMapValues() {
        Class<?> leaseSpec = ModelSchemas.model("V1LeaseSpec").orElseThrow();
        assertThat(NAMES.fieldType(leaseSpec, "renewTime")).contains("io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime");
        Class<?> meta = ModelSchemas.model("V1ObjectMeta").orElseThrow();
        assertThat(NAMES.fieldType(meta, "creationTimestamp")).contains("io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        Class<?> requirements = ModelSchemas.model("V1ResourceRequirements").orElseThrow();
        assertThat(NAMES.fieldType(requirements, "limits")).contains("io.k8s.apimachinery.pkg.api.resource.Quantity");
    }

    @Test
    void aClassOfAGroupOutsideTheServedPackagesHasNoName() {
        assertThatThrownBy(() -> NAMES.of(ModelSchemas.model("V1Job").orElseThrow()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("V1Job");
    }
}
