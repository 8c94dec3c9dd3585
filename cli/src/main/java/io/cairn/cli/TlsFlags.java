package io.cairn.cli;

import io.cairn.kv.server.TlsConfig;
import io.cairn.kv.server.TransportSecurity;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Turns the TLS flags ({@code --cert-file}, {@code --key-file}, {@code --client-cert-auth},
 * {@code --trusted-ca-file}, {@code --auto-tls}, their {@code --peer-*} twins, {@code --cipher-suites} and etcd 3.5's
 * {@code --tls-min-version}/{@code --tls-max-version}) into the member's {@link TransportSecurity}.
 *
 * <p>Why apart from {@link ConfigMapper}: eleven flags with their own rules (Go's boolean syntax, etcd's cipher
 * names and messages) would double that class. Whether a file exists and holds a certificate is checked when the
 * member starts, where it is read.
 */
final class TlsFlags {

    private static final List<String> TRUE = List.of("1", "t", "T", "true", "TRUE", "True");
    private static final List<String> FALSE = List.of("0", "f", "F", "false", "FALSE", "False");

    private TlsFlags() {
    }

    static TransportSecurity toConfig(ServerFlags flags) {
        TlsConfig client = side(flags, ServerFlag.CERT_FILE, ServerFlag.KEY_FILE, ServerFlag.TRUSTED_CA_FILE,
                ServerFlag.CLIENT_CERT_AUTH, ServerFlag.AUTO_TLS);
        TlsConfig peer = side(flags, ServerFlag.PEER_CERT_FILE, ServerFlag.PEER_KEY_FILE,
                ServerFlag.PEER_TRUSTED_CA_FILE, ServerFlag.PEER_CLIENT_CERT_AUTH, ServerFlag.PEER_AUTO_TLS);
        Setting suites = flags.get(ServerFlag.CIPHER_SUITES);
        List<String> names = suites.value().isBlank() ? List.of()
                : Arrays.stream(suites.value().split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        List<String> protocols = protocols(flags.get(ServerFlag.TLS_MIN_VERSION), flags.get(ServerFlag.TLS_MAX_VERSION));
        if (!protocols.contains("TLSv1.2") && !names.isEmpty()) {
            throw new ConfigException("cipher suites cannot be configured when only TLS1.3 is enabled");
        }
        try {
            return new TransportSecurity(client, peer, names, protocols);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static TlsConfig side(ServerFlags flags, ServerFlag cert, ServerFlag key, ServerFlag ca,
                                  ServerFlag certAuth, ServerFlag autoTls) {
        try {
            return new TlsConfig(path(flags.get(cert)), path(flags.get(key)), path(flags.get(ca)),
                    bool(flags.get(certAuth)), bool(flags.get(autoTls)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** TLS versions as etcd 3.5 orders them; an empty maximum means the highest. */
    private static final List<String> VERSIONS = List.of("TLS1.2", "TLS1.3");

    /** The JSSE protocol names between {@code --tls-min-version} and {@code --tls-max-version}, newest first. */
    static List<String> protocols(Setting min, Setting max) {
        int from = version(min, 0);
        int to = version(max, VERSIONS.size() - 1);
        if (from > to) {
            throw new ConfigException("min version (" + min.value().strip() + ") is greater than max version ("
                    + max.value().strip() + ")");
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = to; i >= from; i--) {
            out.add("TLSv1." + (i + 2));
        }
        return out;
    }

    private static int version(Setting setting, int ifEmpty) {
        String value = setting.value().strip();
        if (value.isEmpty()) {
            return ifEmpty;
        }
        int i = VERSIONS.indexOf(value);
        if (i < 0) {
            throw new ConfigException("unexpected TLS version \"" + value + "\" (must be one of: TLS1.2, TLS1.3)");
        }
        return i;
    }

    /** Go's {@code strconv.ParseBool}, which etcd's boolean flags use. */
    static boolean bool(Setting setting) {
        String value = setting.value().strip();
        if (TRUE.contains(value)) {
            return true;
        }
        if (FALSE.contains(value)) {
            return false;
        }
        throw setting.invalid("not a boolean (true or false)");
    }

    private static Optional<Path> path(Setting setting) {
        String value = setting.value().strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(value));
        } catch (InvalidPathException e) {
            throw setting.invalid("not a valid path");
        }
    }
}
