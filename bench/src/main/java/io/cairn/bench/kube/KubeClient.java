package io.cairn.bench.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.yaml.snakeyaml.Yaml;

/**
 * An HTTPS client for one API server, configured from a kubeconfig's current context (CA, client certificate and
 * key, or a bearer token).
 *
 * <p>Why: the load generator must reach any Kubernetes-style API server the way kubectl does, with nothing but the
 * kubeconfig; the JDK's HTTP client keeps the measured path free of client-library overhead.
 */
final class KubeClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http;
    private final String server;
    private final String token;

    private KubeClient(HttpClient http, String server, String token) {
        this.http = http;
        this.server = server;
        this.token = token;
    }

    @SuppressWarnings("unchecked")
    static KubeClient fromKubeconfig(Path file) throws IOException, GeneralSecurityException {
        Map<String, Object> kc = new Yaml().load(Files.readString(file));
        String current = String.valueOf(kc.get("current-context"));
        Map<String, Object> context = named((List<Map<String, Object>>) kc.get("contexts"), current, "context");
        Map<String, Object> cluster = named((List<Map<String, Object>>) kc.get("clusters"),
                String.valueOf(context.get("cluster")), "cluster");
        Map<String, Object> user = named((List<Map<String, Object>>) kc.get("users"),
                String.valueOf(context.get("user")), "user");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        Object ca = cluster.get("certificate-authority-data");
        if (ca != null) {
            trust.setCertificateEntry("ca", certificate(Base64.getDecoder().decode(ca.toString())));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (user.get("client-certificate-data") != null && user.get("client-key-data") != null) {
            X509Certificate cert = certificate(Base64.getDecoder().decode(user.get("client-certificate-data")
                    .toString()));
            PrivateKey key = privateKey(new String(Base64.getDecoder().decode(user.get("client-key-data")
                    .toString()), StandardCharsets.US_ASCII));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("user", key, new char[0], new Certificate[] {cert});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, new char[0]);
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Object token = user.get("token");
        return new KubeClient(http, String.valueOf(cluster.get("server")), token == null ? "" : token.toString());
    }

    /** Sends a request with a JSON body (a JSON merge patch for PATCH) or none; returns status and parsed body. */
    Answer send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request(path).method(method, body.isEmpty()
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json")
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body()));
    }

    /** Opens a watch and returns its lines as they arrive. */
    HttpResponse<java.util.stream.Stream<String>> watch(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).header("Accept",
                "application/json");
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** One response. */
    record Answer(int status, JsonNode body) {
    }

    private static Map<String, Object> named(List<Map<String, Object>> entries, String name, String field) {
        for (Map<String, Object> e : entries) {
            if (name.equals(String.valueOf(e.get("name")))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = (Map<String, Object>) e.get(field);
                return inner;
            }
        }
        throw new IllegalArgumentException("kubeconfig has no " + field + " named " + name);
    }

    private static X509Certificate certificate(byte[] pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem));
    }

    private static PrivateKey privateKey(String pem) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("the kubeconfig's client key is not a private key");
        }
    }
}
