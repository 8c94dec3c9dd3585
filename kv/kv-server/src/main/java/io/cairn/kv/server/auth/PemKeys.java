package io.cairn.kv.server.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads the PEM key files of {@code --auth-token jwt,...}: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}), SEC 1 ({@code EC PRIVATE KEY}) and X.509 ({@code PUBLIC KEY}), as etcd's JWT
 * library accepts them. Without a public key, the private key's public half verifies.
 */
final class PemKeys {

    record Pair(PrivateKey privateKey, PublicKey publicKey) {
    }

    private PemKeys() {
    }

    static Pair load(String privatePath, String publicPath, String algorithm) {
        try {
            KeyFactory kf = KeyFactory.getInstance(algorithm);
            PrivateKey priv = privatePath.isEmpty() ? null : privateKey(Files.readString(Path.of(privatePath)), kf);
            PublicKey pub = publicPath.isEmpty() ? null
                    : kf.generatePublic(new X509EncodedKeySpec(der(Files.readString(Path.of(publicPath)))));
            if (priv == null && pub == null) {
                throw new IllegalArgumentException("auth: missing key data");
            }
            if (pub == null) {
                pub = publicOf(priv, kf);
            }
            return new Pair(priv, pub);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("auth:")) {
                throw iae;
            }
            throw new IllegalArgumentException("auth: invalid auth options: " + e.getMessage(), e);
        }
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static PrivateKey privateKey(String pem, KeyFactory kf) throws IOException, GeneralSecurityException {
        byte[] der = der(pem);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            der = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                    org.bouncycastle.asn1.DERNull.INSTANCE),
                    org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der)).getEncoded();
        } else if (pem.contains("BEGIN EC PRIVATE KEY")) {
            var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
            der = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    sec1.getParametersObject()), sec1).getEncoded();
        }
        return kf.generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    private static PublicKey publicOf(PrivateKey priv, KeyFactory kf) throws GeneralSecurityException {
        if (priv instanceof RSAPrivateCrtKey rsa) {
            return kf.generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        }
        if (priv instanceof ECPrivateKey ec) {
            var params = ec.getParams();
            var curve = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertCurve(params.getCurve());
            var g = org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util.convertPoint(curve, params.getGenerator());
            var q = g.multiply(ec.getS()).normalize();
            return kf.generatePublic(new java.security.spec.ECPublicKeySpec(new java.security.spec.ECPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), params));
        }
        throw new GeneralSecurityException("unsupported private key " + priv.getAlgorithm());
    }

}
