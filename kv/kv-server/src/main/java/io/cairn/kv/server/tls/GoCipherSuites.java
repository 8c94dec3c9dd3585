package io.cairn.kv.server.tls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * etcd's {@code --cipher-suites} names (Go's {@code crypto/tls} names) and the JSSE names of the same suites.
 *
 * <p>Why a table: most names are the IANA names JSSE uses too, but not all (JSSE keeps the {@code SSL_} prefix of
 * the oldest suites, Go accepts short aliases for the ChaCha20 suites), and a name etcd does not know must fail at
 * startup with etcd's message rather than be passed to the JVM, which would ignore it. As in Go, the list governs
 * TLS 1.2 only: TLS 1.3 suites are not configurable and stay enabled.
 */
final class GoCipherSuites {

    /** TLS 1.3's suites, which Go always enables and which a list naming them does not change. */
    static final List<String> TLS13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");

    private static final Map<String, String> GO_TO_JSSE = table();

    private GoCipherSuites() {
    }

    /**
     * The JSSE names for etcd's {@code names}, followed by the TLS 1.3 suites; empty for an empty list (the JVM's
     * defaults).
     *
     * @throws IllegalArgumentException with etcd's message for a name Go does not know
     */
    static List<String> toJsse(List<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String jsse = GO_TO_JSSE.get(name);
            if (jsse == null) {
                throw new IllegalArgumentException("unexpected TLS cipher suite \"" + name + "\"");
            }
            if (!TLS13.contains(jsse) && !out.contains(jsse)) {
                out.add(jsse);
            }
        }
        out.addAll(TLS13);
        return List.copyOf(out);
    }

    private static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        for (String same : List.of(
                "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
                "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA")) {
            t.put(same, same);
        }
        TLS13.forEach(name -> t.put(name, name));
        t.put("TLS_RSA_WITH_RC4_128_SHA", "SSL_RSA_WITH_RC4_128_SHA");
        t.put("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "SSL_RSA_WITH_3DES_EDE_CBC_SHA");
        t.put("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        t.put("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
        return Map.copyOf(t);
    }
}
