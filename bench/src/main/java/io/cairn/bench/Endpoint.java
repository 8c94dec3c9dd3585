package io.cairn.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One gRPC endpoint, {@code host:port}.
 *
 * <p>Why: {@code --endpoints} takes etcd's spelling (comma-separated, with or without an {@code http://} scheme),
 * and the connection pool needs host and port apart.
 *
 * @param host the host name or address
 * @param port the TCP port
 */
record Endpoint(String host, int port) {

    Endpoint {
        if (host.isEmpty() || port <= 0 || port > 65535) {
            throw new IllegalArgumentException("bad endpoint " + host + ":" + port);
        }
    }

    /** Parses {@code "a:1,http://b:2"}; throws {@link IllegalArgumentException} on a malformed entry. */
    static List<Endpoint> parseList(String list) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String raw : list.split(",")) {
            String s = raw.strip();
            if (s.isEmpty()) {
                continue;
            }
            s = s.replaceFirst("^[a-z]+://", "");
            if (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                throw new IllegalArgumentException("endpoint '" + raw.strip() + "' is not host:port");
            }
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                endpoints.add(new Endpoint(host, Integer.parseInt(s.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("endpoint '" + raw.strip() + "' has no numeric port");
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no endpoints given");
        }
        return List.copyOf(endpoints);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
