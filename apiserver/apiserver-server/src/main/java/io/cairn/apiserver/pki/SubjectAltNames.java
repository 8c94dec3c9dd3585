package io.cairn.apiserver.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.util.IPAddress;

/**
 * The names the serving certificate must carry: DNS names and IP addresses.
 *
 * <p>Why a value of its own: the same set decides what a new certificate contains and whether an existing one
 * still fits (a listen address or an extra name added since the last start forces a reissue). DNS names compare
 * case-insensitively, IP addresses by their bytes, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} are one name.
 *
 * @param dnsNames lower-case DNS names, in order
 * @param ipAddresses IP addresses, in order
 */
record SubjectAltNames(List<String> dnsNames, List<InetAddress> ipAddresses) {

    /** The names every Cairn API server answers to, as kube-apiserver's in-cluster and loopback names. */
    static final List<String> DEFAULTS = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "127.0.0.1", "::1");

    /** No names at all: what a client certificate must carry. */
    static final SubjectAltNames NONE = new SubjectAltNames(List.of(), List.of());

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    SubjectAltNames {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

    /**
     * The defaults plus {@code extra}: IP literals (IPv6 optionally in brackets) become IP names, anything else a
     * DNS name. Blank entries and the wildcard addresses {@code 0.0.0.0} and {@code ::} are skipped: nobody
     * connects to them, so they name nothing.
     */
    static SubjectAltNames required(List<String> extra) {
        Set<String> dns = new LinkedHashSet<>();
        Set<InetAddress> ips = new LinkedHashSet<>();
        List<String> all = new ArrayList<>(DEFAULTS);
        all.addAll(extra);
        for (String raw : all) {
            String name = raw.strip();
            if (name.startsWith("[") && name.endsWith("]")) {
                name = name.substring(1, name.length() - 1);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (IPV4.matcher(name).matches() || name.contains(":")) {
                if (!IPAddress.isValidIPv4(name) && !IPAddress.isValidIPv6(name)) {
                    throw new IllegalArgumentException("subject alternative name '" + raw
                            + "' is neither a DNS name nor an IP address");
                }
                InetAddress address = ipLiteral(name);
                if (!address.isAnyLocalAddress()) {
                    ips.add(address);
                }
            } else {
                dns.add(name.toLowerCase(Locale.ROOT));
            }
        }
        return new SubjectAltNames(new ArrayList<>(dns), new ArrayList<>(ips));
    }

    /** The names {@code certificate} carries. */
    static SubjectAltNames of(X509Certificate certificate) throws CertificateParsingException {
        List<String> dns = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        if (entries != null) {
            for (List<?> entry : entries) {
                int type = (Integer) entry.get(0);
                String value = (String) entry.get(1);
                if (type == 2) {
                    dns.add(value.toLowerCase(Locale.ROOT));
                } else if (type == 7) {
                    ips.add(ipLiteral(value));
                }
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /** Whether every name in {@code required} is also here. */
    boolean covers(SubjectAltNames required) {
        return dnsNames.containsAll(required.dnsNames) && ipAddresses.containsAll(required.ipAddresses);
    }

    private static InetAddress ipLiteral(String literal) {
        try {
            // only reached for validated IP literals, so no name lookup happens
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }
}
