package io.cairn.observe.http;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the observe listeners bind: the {@code --listen-metrics-urls} list.
 *
 * <p>Why a type: the URLs are validated once, with a message naming the flag, before anything binds. Each URL is
 * {@code http://host:port} with an optional trailing {@code /}; port 0 binds an ephemeral port (see
 * {@link ObserveServer#urls()}). {@code https} is refused for now.
 *
 * @param listenUrls the URLs to listen on, at least one
 */
public record ObserveServerConfig(List<URI> listenUrls) {

    public ObserveServerConfig {
        listenUrls = List.copyOf(listenUrls);
        if (listenUrls.isEmpty()) {
            throw new IllegalArgumentException("--listen-metrics-urls must name at least one URL");
        }
        for (URI url : listenUrls) {
            validate(url);
        }
    }

    /** Parses a comma-separated list, as the flag is written. */
    public static ObserveServerConfig parse(String commaSeparatedUrls) {
        List<URI> urls = new ArrayList<>();
        for (String part : commaSeparatedUrls.split(",")) {
            if (!part.isBlank()) {
                try {
                    urls.add(URI.create(part.strip()));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(
                            "--listen-metrics-urls: expected http://host:port, got '" + part.strip() + "'", e);
                }
            }
        }
        return new ObserveServerConfig(urls);
    }

    private static void validate(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            throw new IllegalArgumentException("--listen-metrics-urls: https is not supported yet: " + url);
        }
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException("--listen-metrics-urls: expected http://host:port, got " + url);
        }
        if (url.getHost() == null || url.getPort() < 0) {
            throw new IllegalArgumentException("--listen-metrics-urls: expected http://host:port, got " + url);
        }
        String path = url.getPath() == null ? "" : url.getPath();
        if (!(path.isEmpty() || path.equals("/")) || url.getQuery() != null || url.getFragment() != null) {
            throw new IllegalArgumentException("--listen-metrics-urls: a URL must not have a path: " + url);
        }
    }
}
