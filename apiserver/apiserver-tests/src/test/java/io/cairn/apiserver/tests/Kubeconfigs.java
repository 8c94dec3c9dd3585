package io.cairn.apiserver.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * TLS contexts built from a written kubeconfig, for tests that speak raw HTTPS to the API server.
 *
 * <p>Why: the kubeconfig is what users get; building the client's trust and identity from it checks that it is
 * complete (CA, client certificate and key) and lets a test swap the identity (none, another authority).
 */
final class Kubeconfigs {
    private Kubeconfigs() {
    }

    /** Trusts the kubeconfig's CA and presents {@code identity} (or no certificate). */
    static SSLContext context(Path kubeconfig, Optional<KeyStore> identity) throws IOException,
            GeneralSecurityException {
        JsonNode kc = YAMLMapper.builder().build().readTree(Files.readString(kubeconfig));
        X509Certificate ca = certificate(decode(kc.path("clusters").get(0).path("cluster")
                .path("certificate-authority-data").asString()));
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (identity.isPresent()) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity.get(), "changeit".toCharArray());
        }
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The kubeconfig's admin certificate and key as a key store (password "changeit"). */
    static KeyStore admin(Path kubeconfig) throws IOException, GeneralSecurityException {
        JsonNode user = YAMLMapper.builder().build().readTree(Files.readString(kubeconfig)).path("users").get(0)
                .path("user");
        X509Certificate cert = certificate(decode(user.path("client-certificate-data").asString()));
        String keyPem = new String(decode(user.path("client-key-data").asString()), StandardCharsets.US_ASCII);
        PrivateKey key = privateKey(keyPem);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("admin", key, "changeit".toCharArray(), new Certificate[] {cert});
        return ks;
    }

    /** A self-signed certificate claiming to be the admin (CN cairn-admin, O system:masters), made by keytool. */
    static KeyStore impostor(Path dir) throws IOException, GeneralSecurityException, InterruptedException {
        Path store = dir.resolve("impostor.p12");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "impostor", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=cairn-admin,O=system:masters", "-validity", "2",
                "-keystore", store.toString(), "-storepass", "changeit", "-storetype", "PKCS12")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    /** A PEM private key in any of the forms kubeconfigs carry (PKCS#8, SEC1 "EC PRIVATE KEY", PKCS#1). */
    private static PrivateKey privateKey(String pem) throws IOException {
        try (org.bouncycastle.openssl.PEMParser parser = new org.bouncycastle.openssl.PEMParser(
                new java.io.StringReader(pem))) {
            Object o = parser.readObject();
            org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter converter =
                    new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("not a private key: " + (o == null ? "nothing" : o.getClass().getSimpleName()));
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    }

    private static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }
}
