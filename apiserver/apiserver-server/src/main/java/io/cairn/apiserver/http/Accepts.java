package io.cairn.apiserver.http;

import java.util.Locale;

/**
 * What the client asked for in {@code Accept}: a meta.k8s.io/v1 Table, YAML, or plain JSON.
 *
 * <p>Why: kubectl get asks for a Table first and falls back to JSON; the Java clients send no Accept or
 * {@code application/json}; typed clients prefer protobuf but take JSON. Cairn answers JSON unless a Table (or YAML)
 * is acceptable to the client.
 */
enum Accepts {
    JSON("application/json"),
    TABLE("application/json;as=Table;v=v1;g=meta.k8s.io"),
    YAML("application/yaml");

    private final String contentType;

    Accepts(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    static Accepts of(String accept) {
        if (accept == null || accept.isBlank()) {
            return JSON;
        }
        for (String part : accept.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (p.startsWith("application/json") && p.contains("as=table") && p.contains("g=meta.k8s.io")
                    && (p.contains("v=v1;") || p.endsWith("v=v1") || p.contains("v=v1beta1"))) {
                return TABLE;
            }
            if (p.startsWith("application/json") || p.startsWith("*/*") || p.startsWith("application/*")
                    || p.startsWith("application/vnd.kubernetes.protobuf")) {
                return JSON;
            }
            if (p.startsWith("application/yaml")) {
                return YAML;
            }
        }
        return JSON;
    }
}
