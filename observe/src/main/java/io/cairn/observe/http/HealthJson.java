package io.cairn.observe.http;

import io.cairn.observe.health.HealthResult;

/** etcd's {@code /health} body: {@code {"health":"true","reason":""}}, keys in that order. */
final class HealthJson {

    private HealthJson() {
    }

    static String render(HealthResult result) {
        return "{\"health\":\"" + result.healthy() + "\",\"reason\":\"" + escape(result.reason()) + "\"}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
