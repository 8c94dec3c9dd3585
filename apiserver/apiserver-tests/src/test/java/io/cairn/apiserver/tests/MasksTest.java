package io.cairn.apiserver.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The masking of volatile kubectl output keeps every other character in place.
 *
 * <p>Why: the kubectl e2e tests compare masked output exactly; a mask that moved columns or hid more than the volatile
 * value would make those comparisons wrong.
 */
class MasksTest {
    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "a      1      0s    <none>|a      1      <age> <none>",
            "a      1      12s   <none>|a      1      <age> <none>",
            "n1     Unknown   3m4s|n1     Unknown   <age>",
            "'n1     Unknown   1s    '|'n1     Unknown   <age> '",
            "web    0/2     0            0           5s    nginx|web    0/2     0            0           <age> nginx",
            "p1     2s|p1     <age>",
            "s80    1|s80    1",
            "port 80/TCP|port 80/TCP"})
    void anAgeCellAndItsPaddingKeepTheirWidth(String printed, String masked) {
        assertThat(Masks.table(printed)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "'  uid: 0121268b-471f-466b-9511-461593f722a2'|'  uid: <uid>'",
            "  resourceVersion: \"7\"|  resourceVersion: \"<rv>\"",
            "\"resourceVersion\": \"105\",|\"resourceVersion\": \"<rv>\",",
            "\"resourceVersion\": \"\"|\"resourceVersion\": \"\"",
            "  creationTimestamp: \"2026-11-28T00:44:04Z\"|  creationTimestamp: \"<time>\""})
    void objectMasksReplaceOnlyTheVolatileValues(String printed, String masked) {
        assertThat(Masks.object(printed)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "configmap/cache-x7b2q created|configmap/cache-<suffix> created",
            "configmap/cache-aeiou created|configmap/cache-aeiou created",
            "configmap/cache-x7b2qz created|configmap/cache-x7b2qz created"})
    void aGeneratedSuffixIsMaskedOnlyWhenKubernetesCouldHaveGeneratedIt(String printed, String masked) {
        assertThat(Masks.generatedName(printed, "cache-")).isEqualTo(masked);
    }
}
