package io.cairn.apiserver.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Secret's write-only {@code stringData}, folded into {@code data} (base64) before the Secret is stored.
 *
 * <p>Why: kube-apiserver merges {@code stringData} into {@code data} when it decodes a Secret (a {@code stringData}
 * key wins over the same {@code data} key) and never stores or returns {@code stringData}; clients such as fabric8
 * send it and expect to read the values back under {@code data}.
 */
final class SecretData {
    private SecretData() {
    }

    static void fold(ObjectNode secret) {
        JsonNode strings = secret.remove("stringData");
        if (strings == null || !strings.isObject() || strings.isEmpty()) {
            return;
        }
        ObjectNode data = secret.withObject("data");
        for (Map.Entry<String, JsonNode> e : strings.properties()) {
            data.put(e.getKey(), Base64.getEncoder().encodeToString(
                    e.getValue().asString("").getBytes(StandardCharsets.UTF_8)));
        }
    }
}
