package io.cairn.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and checks the URL lists of {@code --listen-*-urls}, {@code --advertise-client-urls} and friends.
 *
 * <p>Why: etcd accepts only {@code scheme://host:port} with no path, and a listen URL must name an IP address (or
 * {@code localhost}) because it is bound, not resolved. Checking here turns a typo into a one-line error naming
 * the flag instead of a bind failure deep in the server. {@code http://} and {@code https://} are accepted; unix
 * sockets are refused with a message saying they are not supported yet.
 */
final class Urls {

    /** What a URL is for: binding a listener (port 0 allowed, host must be an IP) or telling others. */
    enum Use { LISTEN, ADVERTISE }

    private static final String EXAMPLE = " (like http://127.0.0.1:2379)";
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private Urls() {
    }

    /** The comma-separated URLs of {@code setting}, checked, duplicates removed, in the order given. */
    static List<URI> parseList(Setting setting, Use use) {
        Set<URI> urls = new LinkedHashSet<>();
        for (String part : setting.value().split(",", -1)) {
            urls.add(parse(setting, part.strip(), use));
        }
        return new ArrayList<>(urls);
    }

    /** One URL of {@code setting}, checked. */
    static URI parse(Setting setting, String text, Use use) {
        if (text.isEmpty()) {
            throw setting.invalid("empty URL in the list");
        }
        if (!text.contains("://")) {
            throw setting.invalid(text, "URL scheme must be http or https" + EXAMPLE);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw setting.invalid(text, "not a valid URL" + EXAMPLE);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> { }
            case "unix", "unixs" -> throw setting.invalid(text, "unix sockets are not supported yet; use an http:// "
                    + "or https:// URL");
            default -> throw setting.invalid(text, "URL scheme must be http or https" + EXAMPLE);
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getPort() < 0) {
            throw setting.invalid(text, "URL must have a host and a port" + EXAMPLE);
        }
        if (!uri.getRawPath().isEmpty()) {
            throw setting.invalid(text, "URL must not contain a path");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw setting.invalid(text, "URL must have the form " + scheme + "://host:port");
        }
        int lowestPort = use == Use.LISTEN ? 0 : 1;
        if (uri.getPort() < lowestPort || uri.getPort() > 65535) {
            throw setting.invalid(text, "port must be between " + lowestPort + " and 65535");
        }
        if (use == Use.LISTEN && !isIpOrLocalhost(uri.getHost())) {
            throw setting.invalid(text, "expected an IP address (or localhost) to listen on, not a host name");
        }
        return uri;
    }

    private static boolean isIpOrLocalhost(String host) {
        return host.equalsIgnoreCase("localhost") || host.startsWith("[") || IPV4.matcher(host).matches();
    }
}
