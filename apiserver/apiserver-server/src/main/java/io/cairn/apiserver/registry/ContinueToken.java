package io.cairn.apiserver.registry;

import io.cairn.apiserver.status.Statuses;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's {@code continue} token: base64url of {@code {"v":"meta.k8s.io/v1","rv":<list rv>,"start":"<key>"}},
 * the start key relative to the list's prefix.
 *
 * @param revision the first page's revision; later pages are read at it
 * @param start the key to continue from, relative to the list prefix
 */
record ContinueToken(long revision, String start) {

    String encode() {
        ObjectNode n = ObjectCodec.JSON.createObjectNode();
        n.put("v", "meta.k8s.io/v1");
        n.put("rv", revision);
        n.put("start", start);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ObjectCodec.JSON.writeValueAsBytes(n));
    }

    static ContinueToken decode(String token) {
        try {
            byte[] raw = Base64.getUrlDecoder().decode(token.trim());
            JsonNode n = ObjectCodec.JSON.readTree(new String(raw, StandardCharsets.UTF_8));
            if (!"meta.k8s.io/v1".equals(n.path("v").asString(""))) {
                throw Statuses.badRequest("continue key is not valid: server does not recognize this encoded key");
            }
            long rv = n.path("rv").asLong(0);
            String start = n.path("start").asString("");
            if (rv <= 0 || start.contains("..") || start.startsWith("/")) {
                throw Statuses.badRequest("continue key is not valid: incorrect encoded start resourceVersion"
                        + " (version meta.k8s.io/v1)");
            }
            return new ContinueToken(rv, start);
        } catch (IllegalArgumentException | JacksonException e) {
            throw Statuses.badRequest("continue key is not valid: illegal base64 data");
        }
    }
}
