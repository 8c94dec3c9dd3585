package io.cairn.client;

import java.util.Map;

/**
 * One HTTP request as the pipeline sees it: method, path with query, optional JSON body and extra headers.
 *
 * <p>Why: retries, limits, metrics and audit decide on these few facts; the transport alone knows fabric8's types.
 */
record Request(String method, String path, String body, String contentType, Map<String, String> headers) {

    Request {
        headers = Map.copyOf(headers);
    }

    static Request get(String path) {
        return new Request("GET", path, null, null, Map.of());
    }

    /**
     * Whether sending twice is harmless: GET, HEAD, PUT and DELETE are (a PUT carries its resourceVersion, a repeated
     * DELETE finds nothing); POST and PATCH are not, so a lost connection never makes them retry blindly.
     */
    boolean idempotent() {
        return switch (method) {
            case "GET", "HEAD", "PUT", "DELETE" -> true;
            default -> false;
        };
    }
}
