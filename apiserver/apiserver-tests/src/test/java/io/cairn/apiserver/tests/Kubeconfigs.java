package io.cairn.apiserver.tests;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
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
        String body = keyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        if (keyPem.contains("BEGIN EC PRIVATE KEY")) {
            der = pkcs8(der, cert);
        }
        PrivateKey key = KeyFactory.getInstance(cert.getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("admin", key, "changeit".toCharArray(), new Certificate[] {cert});
        return ks;
    }

    /**
     * A SEC 1 EC key ({@code EC PRIVATE KEY}, the form kubeconfigs carry) wrapped as PKCS#8, the only form the JDK's
     * key factory reads; the curve is the certificate's.
     */
    private static byte[] pkcs8(byte[] sec1, X509Certificate cert) throws GeneralSecurityException, IOException {
        java.security.AlgorithmParameters curve = java.security.AlgorithmParameters.getInstance("EC");
        curve.init(((java.security.interfaces.ECPublicKey) cert.getPublicKey()).getParams());
        byte[] ecPublicKey = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
        byte[] algorithm = der(0x30, concat(ecPublicKey, curve.getEncoded()));
        return der(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, der(0x04, sec1)));
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] length = n < 0x80 ? new byte[] {(byte) n} : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n};
        return concat(new byte[] {(byte) tag}, length, content);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
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

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
    }

    private static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }
}
