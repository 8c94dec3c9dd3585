package io.cairn.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole HTTP response: status, headers and body text.
 *
 * <p>Why: small, immutable and independent of the transport, so decorators and tests share one shape.
 */
record Response(int code, Map<String, List<String>> headers, String body) {

    Response {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    boolean successful() {
        return code >= 200 && code < 300;
    }

    /** The first value of {@code name}, compared without case. */
    Optional<String> header(String name) {
        for (var e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return Optional.of(e.getValue().get(0));
            }
        }
        return Optional.empty();
    }
}
