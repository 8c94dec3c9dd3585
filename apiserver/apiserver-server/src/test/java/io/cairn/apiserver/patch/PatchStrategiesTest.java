package io.cairn.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchStrategiesTest {

    @Test
    void everyRowOfTheTableNamesAFieldOfItsModelClass() throws IOException {
        List<String> rows = rows();
        List<String> missing = new ArrayList<>();
        for (String row : rows) {
            String[] words = row.split("\\s+");
            Class<?> model = PatchStrategies.modelClass(words[0], words[1]);
            if (!ModelType.properties(model).containsKey(words[2])) {
                missing.add(row);
            }
        }

        assertThat(rows).hasSizeGreaterThan(30);
        assertThat(missing).isEmpty();
    }

    @Test
    void everyMergedOrKeyedFieldIsAListAndEveryMergeKeyAFieldOfItsElements() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String row : rows()) {
            String[] words = row.split("\\s+");
            Type type = ModelType.properties(PatchStrategies.modelClass(words[0], words[1])).get(words[2]);
            boolean list = type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                    && Collection.class.isAssignableFrom(raw);
            if (words[3].contains("merge") != list) {
                wrong.add(row);
            } else if (!words[4].equals("-")) {
                Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
                if (!(element instanceof Class<?> c) || !ModelType.properties(c).containsKey(words[4])) {
                    wrong.add(row);
                }
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void theTableGivesTheStrategiesKubeDeclares() {
        PatchStrategies table = PatchStrategies.kubernetes();

        assertThat(table.of(PodSpec.class, "containers")).isEqualTo(new FieldStrategy(List.of("merge"), "name"));
        assertThat(table.of(PodSpec.class, "volumes"))
                .isEqualTo(new FieldStrategy(List.of("merge", "retainKeys"), "name"));
        assertThat(table.of(Container.class, "ports"))
                .isEqualTo(new FieldStrategy(List.of("merge"), "containerPort"));
        assertThat(table.of(ObjectMeta.class, "finalizers")).isEqualTo(new FieldStrategy(List.of("merge"), ""));
        assertThat(table.of(DeploymentSpec.class, "strategy"))
                .isEqualTo(new FieldStrategy(List.of("retainKeys"), ""));
        assertThat(table.of(Container.class, "args")).isEqualTo(FieldStrategy.NONE);
    }

    @Test
    void aRowNamingNoModelClassFailsTheLoad() {
        assertThatThrownBy(() -> PatchStrategies.parse(List.of("core/v1 NoSuchSpec items merge name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchSpec");
        assertThatThrownBy(() -> PatchStrategies.parse(List.of("mars/v1 PodSpec containers merge name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mars/v1");
        assertThatThrownBy(() -> PatchStrategies.parse(List.of("core/v1 PodSpec containers shuffle name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shuffle");
    }

    @Test
    void theWalkFollowsTheModelsFromDeploymentDownToAContainersPorts() throws PatchException {
        ModelType deployment = new ModelType(Deployment.class);

        ModelType.Field containers = deployment.field("spec").type().field("template").type().field("spec").type()
                .sliceField("containers");
        ModelType.Field ports = containers.type().sliceField("ports");

        assertThat(containers.type().type()).isEqualTo(Container.class);
        assertThat(containers.strategy().mergeKey()).isEqualTo("name");
        assertThat(ports.strategy().mergeKey()).isEqualTo("containerPort");
        assertThat(deployment.field("metadata").type().field("labels").type().goKind()).isEqualTo("map");
    }

    private static List<String> rows() throws IOException {
        try (InputStream in = PatchStrategies.class.getResourceAsStream("patch-strategies.txt")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

}
