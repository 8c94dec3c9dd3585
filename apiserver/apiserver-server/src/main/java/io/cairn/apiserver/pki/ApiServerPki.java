package io.cairn.apiserver.pki;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's certificates, k3s-style: generated on the first start under {@code <dataDir>/apiserver/pki},
 * loaded on every later one.
 *
 * <p>Why: {@code cairn server} must be usable with kubectl at once, without the operator running a CA by hand.
 * The files are a certificate authority ({@code ca.crt}/{@code ca.key}, CN {@code cairn-ca}, ten years), the
 * serving certificate ({@code apiserver.crt}/{@code apiserver.key}, one year, {@code serverAuth}, the in-cluster
 * and loopback names plus the caller's extra names) and an admin client certificate ({@code admin.crt}/
 * {@code admin.key}, CN {@code cairn-admin}, O {@code system:masters}, one year, {@code clientAuth}); all ECDSA
 * P-256, PEM, keys owner-only. The serving and admin certificates are issued again, with the same authority, when
 * they expire within 30 days, no longer match their key or authority, or (serving) lack a required name. The
 * authority itself is never replaced: missing or unreadable files fail the start with the file's name.
 */
public final class ApiServerPki {

    static final String CA = "ca";
    static final String SERVING = "apiserver";
    static final String ADMIN = "admin";
    static final String CA_NAME = "cairn-ca";
    static final String SERVING_NAME = "cairn-apiserver";
    static final String ADMIN_NAME = "cairn-admin";
    static final String ADMIN_GROUP = "system:masters";
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerPki.class);

    private final Path directory;
    private final Credential authority;
    private final Credential serving;
    private final Credential admin;
    private final SSLContext serverContext;

    private ApiServerPki(Path directory, Credential authority, Credential serving, Credential admin,
                         SSLContext serverContext) {
        this.directory = directory;
        this.authority = authority;
        this.serving = serving;
        this.admin = admin;
        this.serverContext = serverContext;
    }

    /**
     * Loads the certificates under {@code <dataDir>/apiserver/pki}, creating or renewing what is missing or due.
     *
     * @param dataDir the server's data directory
     * @param extraSans names the serving certificate must carry besides the defaults: the listen host and any
     *     operator-given names; IP literals become IP names, anything else DNS names
     * @param clock decides validity periods and what is due for renewal
     * @throws IOException when a file cannot be read or written, or is missing or corrupt (the message names it)
     */
    public static ApiServerPki loadOrCreate(Path dataDir, List<String> extraSans, Clock clock) throws IOException {
        return loadOrCreate(dataDir, extraSans, clock, new SecureRandom());
    }

    static ApiServerPki loadOrCreate(Path dataDir, List<String> extraSans, Clock clock, SecureRandom random)
            throws IOException {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        PkiDirectory files = new PkiDirectory(dataDir.resolve("apiserver").resolve("pki"));
        SubjectAltNames names = SubjectAltNames.required(List.copyOf(extraSans));
        CertificateIssuer issuer = new CertificateIssuer(clock, random);
        try {
            if (files.empty()) {
                Credential authority = issuer.authority(CA_NAME);
                files.createAll(Map.of(CA, authority,
                        SERVING, issuer.server(authority, SERVING_NAME, names),
                        ADMIN, issuer.client(authority, ADMIN_NAME, List.of(ADMIN_GROUP))));
                LOG.info("Created the API server's certificate authority and certificates in {}", files.path());
            }
            Credential authority = loadAuthority(files);
            Instant renewBy = clock.instant().plus(RENEW_BEFORE);
            Optional<Credential> stored = current(files, SERVING, authority, renewBy, names);
            Credential serving = stored.isPresent() ? stored.get() : issuer.server(authority, SERVING_NAME, names);
            if (stored.isEmpty()) {
                files.write(SERVING, serving);
            }
            stored = current(files, ADMIN, authority, renewBy, SubjectAltNames.NONE);
            Credential admin = stored.isPresent() ? stored.get()
                    : issuer.client(authority, ADMIN_NAME, List.of(ADMIN_GROUP));
            if (stored.isEmpty()) {
                files.write(ADMIN, admin);
            }
            return new ApiServerPki(files.path(), authority, serving, admin,
                    ServerTls.context(serving, authority.certificate(), random));
        } catch (GeneralSecurityException e) {
            throw new IOException("apiserver PKI in " + files.path() + ": " + e.getMessage(), e);
        }
    }

    private static Credential loadAuthority(PkiDirectory files) throws IOException {
        Optional<Credential> loaded = files.load(CA);
        if (loaded.isEmpty()) {
            throw new IOException("apiserver PKI is incomplete: " + files.cert(CA) + " and " + files.key(CA)
                    + " are missing but " + files.anyExisting().orElseThrow() + " exists; refusing to create a new"
                    + " certificate authority over certificates issued by the old one: restore the files, or"
                    + " remove " + files.path() + " to start over");
        }
        Credential authority = loaded.get();
        if (authority.certificate().getBasicConstraints() < 0) {
            throw new IOException(files.cert(CA) + ": not a certificate authority (no CA basic constraint)");
        }
        if (!authority.keyMatches()) {
            throw new IOException(files.key(CA) + ": does not belong to the certificate in " + files.cert(CA));
        }
        return authority;
    }

    /** The stored credential {@code name} if it may still be used; empty when it must be issued (again). */
    private static Optional<Credential> current(PkiDirectory files, String name, Credential authority, Instant renewBy,
                                      SubjectAltNames requiredNames) throws IOException {
        Optional<Credential> loaded = files.load(name);
        Optional<String> problem = loaded.isEmpty() ? Optional.of("it does not exist")
                : problem(loaded.get(), authority, renewBy, requiredNames);
        if (problem.isEmpty()) {
            return loaded;
        }
        LOG.info("Issuing a new {} because {}", files.cert(name), problem.get());
        return Optional.empty();
    }

    private static Optional<String> problem(Credential credential, Credential authority, Instant renewBy,
                                            SubjectAltNames requiredNames) {
        if (!credential.keyMatches()) {
            return Optional.of("its key does not match it");
        }
        if (!credential.issuedBy(authority.certificate())) {
            return Optional.of("it was not issued by " + CA_NAME);
        }
        if (!credential.notAfter().isAfter(renewBy)) {
            return Optional.of("it expires at " + credential.notAfter());
        }
        try {
            if (!SubjectAltNames.of(credential.certificate()).covers(requiredNames)) {
                return Optional.of("it lacks some of the names " + requiredNames.dnsNames() + " "
                        + requiredNames.ipAddresses().stream().map(java.net.InetAddress::getHostAddress).toList());
            }
        } catch (CertificateParsingException e) {
            return Optional.of("its subject alternative names cannot be read");
        }
        return Optional.empty();
    }

    /**
     * The listener's TLS context: presents the serving certificate and trusts only {@link #caCertificate()} for
     * client certificates. The listener should request client certificates optionally ("want", not "need").
     */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** The certificate authority that signed the serving and client certificates. */
    public X509Certificate caCertificate() {
        return authority.certificate();
    }

    /** {@link #caCertificate()} as PEM, for a kubeconfig's {@code certificate-authority-data}. */
    public String caPem() {
        return Pem.certificate(authority.certificate());
    }

    /** The admin client certificate (CN {@code cairn-admin}, O {@code system:masters}) as PEM. */
    public String adminCertificatePem() {
        return Pem.certificate(admin.certificate());
    }

    /** The admin client certificate's private key as PKCS#8 PEM. */
    public String adminKeyPem() {
        return Pem.privateKey(admin.key());
    }

    /** The admin key as the kubeconfig's {@code client-key-data} carries it (SEC 1 for EC keys, see Pem). */
    public String adminKeyKubeconfigPem() {
        return Pem.kubeconfigKey(admin.key(), admin.certificate().getPublicKey());
    }

    /** The directory holding the files, {@code <dataDir>/apiserver/pki}. */
    public Path directory() {
        return directory;
    }

    X509Certificate servingCertificate() {
        return serving.certificate();
    }

    X509Certificate adminCertificate() {
        return admin.certificate();
    }
}
