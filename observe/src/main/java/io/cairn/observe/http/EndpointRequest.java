package io.cairn.observe.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the observe endpoints need from an HTTP request, independent of the server that received it.
 *
 * <p>Why: a component that already runs an HTTP server (the store's client port) builds one of these from its own
 * request type and gets the same answers as the observe listener, without either depending on the other's server.
 *
 * @param method the request method, e.g. {@code GET}
 * @param path   the decoded path, e.g. {@code /readyz/serializable_read}
 * @param query  the decoded query parameters, each with all its values in order
 * @param accept the {@code Accept} header, empty if absent
 */
public record EndpointRequest(String method, String path, Map<String, List<String>> query, String accept) {

    public EndpointRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(accept, "accept");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        query = Map.copyOf(copy);
    }

    /** A {@code GET} of {@code pathAndQuery} (e.g. {@code /health?exclude=NOSPACE}) with this Accept header. */
    public static EndpointRequest get(String pathAndQuery, String accept) {
        return parse("GET", pathAndQuery, accept);
    }

    /** A request for a raw request target: the path and query are split and percent-decoded. */
    public static EndpointRequest parse(String method, String pathAndQuery, String accept) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (question >= 0) {
            for (String pair : pathAndQuery.substring(question + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        return new EndpointRequest(method, decode(path), query, accept);
    }

    /** All values of a query parameter, empty if it was not given. */
    public List<String> queryValues(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** Whether the query names this parameter, with or without a value. */
    public boolean hasQuery(String name) {
        return query.containsKey(name);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
