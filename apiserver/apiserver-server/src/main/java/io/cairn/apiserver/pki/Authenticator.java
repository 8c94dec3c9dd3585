package io.cairn.apiserver.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Decides who a request comes from, the way kube-apiserver's authenticator chain does for the two methods Cairn
 * supports: client certificates and static bearer tokens.
 *
 * <p>Why this order and these outcomes (kube's union authenticator): the client certificate is tried first and,
 * when it names a user, wins outright; a bearer token is only looked at otherwise. A client certificate's user is
 * its subject's common name and its groups the organisations; a certificate without a common name identifies no
 * one. An {@code Authorization: Bearer} header whose token is unknown is a rejection ("invalid bearer token"), not
 * an anonymous request, even when no token file is configured (kube-apiserver always has a service-account token
 * authenticator that rejects it); a header with another scheme or an empty token is ignored. Every authenticated
 * user gets the group {@code system:authenticated}.
 *
 * <p>Certificates are verified against Cairn's authority here when the authenticator is created with it (the
 * listener only requests them, see {@link ApiServerPki#serverContext()}), so a certificate from elsewhere is an
 * HTTP 401, as with kube-apiserver.
 */
public final class Authenticator {

    static final String INVALID_TOKEN = "invalid bearer token";

    static final String UNVERIFIED_CERTIFICATE = "x509: certificate signed by unknown authority";

    private final Optional<TokenFile> tokens;
    private final Optional<X509Certificate> authority;
    private final java.time.Clock clock;

    private Authenticator(Optional<TokenFile> tokens, Optional<X509Certificate> authority, java.time.Clock clock) {
        this.tokens = tokens;
        this.authority = authority;
        this.clock = clock;
    }

    /**
     * An authenticator for client certificates the TLS layer already verified and, when given, the tokens of
     * {@code tokens}.
     */
    public static Authenticator create(Optional<TokenFile> tokens) {
        return new Authenticator(Objects.requireNonNull(tokens, "tokens"), Optional.empty(), java.time.Clock.systemUTC());
    }

    /**
     * An authenticator that itself verifies client certificates: only a leaf signed by {@code authority} and valid
     * at {@code clock}'s time names a user; any other presented certificate makes the request fail unless a valid
     * bearer token identifies it (kube's union of the x509 and token authenticators).
     */
    public static Authenticator create(Optional<TokenFile> tokens, X509Certificate authority, java.time.Clock clock) {
        return new Authenticator(Objects.requireNonNull(tokens, "tokens"), Optional.of(authority), clock);
    }

    /**
     * Authenticates one request.
     *
     * @param peerCertificates the client's TLS certificate chain (leaf first), verified by the TLS layer; empty
     *     when the client sent none
     * @param authorizationHeader the value of the {@code Authorization} header, when present
     */
    public AuthResult authenticate(Optional<X509Certificate[]> peerCertificates,
                                   Optional<String> authorizationHeader) {
        Optional<X509Certificate[]> presented = peerCertificates.filter(chain -> chain.length > 0);
        boolean unverified = presented.isPresent() && !verified(presented.get()[0]);
        Optional<UserInfo> fromCertificate = unverified ? Optional.empty()
                : presented.flatMap(chain -> certificateUser(chain[0]));
        if (fromCertificate.isPresent()) {
            return new AuthResult.Authenticated(withAuthenticatedGroup(fromCertificate.get()));
        }
        Optional<String> token = authorizationHeader.flatMap(Authenticator::bearerToken);
        if (token.isEmpty()) {
            return unverified ? new AuthResult.Rejected(UNVERIFIED_CERTIFICATE) : new AuthResult.Anonymous();
        }
        return tokens.flatMap(file -> file.user(token.get()))
                .<AuthResult>map(user -> new AuthResult.Authenticated(withAuthenticatedGroup(user)))
                .orElseGet(() -> new AuthResult.Rejected(INVALID_TOKEN));
    }

    private boolean verified(X509Certificate leaf) {
        if (authority.isEmpty()) {
            return true;
        }
        try {
            leaf.verify(authority.get().getPublicKey());
            leaf.checkValidity(java.util.Date.from(clock.instant()));
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header; empty for other schemes or no token. */
    static Optional<String> bearerToken(String header) {
        String[] parts = header.strip().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    /** The user a client certificate names: its common name (the last one), with its organisations as groups. */
    static Optional<UserInfo> certificateUser(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String commonName = "";
        List<String> organizations = new ArrayList<>();
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(BCStyle.CN)) {
                    commonName = text(attribute.getValue());
                } else if (attribute.getType().equals(BCStyle.O)) {
                    organizations.add(text(attribute.getValue()));
                }
            }
        }
        return commonName.isEmpty() ? Optional.empty() : Optional.of(new UserInfo(commonName, "", organizations));
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : value.toString();
    }

    private static UserInfo withAuthenticatedGroup(UserInfo user) {
        if (user.groups().contains(UserInfo.AUTHENTICATED_GROUP)) {
            return user;
        }
        List<String> groups = new ArrayList<>(user.groups());
        groups.add(UserInfo.AUTHENTICATED_GROUP);
        return new UserInfo(user.name(), user.uid(), groups);
    }
}
