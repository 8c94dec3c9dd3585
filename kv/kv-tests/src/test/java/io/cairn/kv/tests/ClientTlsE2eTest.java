package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.watch.WatchEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client TLS end to end: {@code https://} client URLs with {@code --cert-file}/{@code --key-file},
 * {@code --client-cert-auth} and {@code --trusted-ca-file}, driven by the real etcdctl 3.4 (compared with etcd
 * 3.4 itself) and by jetcd; {@code --auto-tls}; and handshakes that go wrong.
 */
@Tag("slow")
class ClientTlsE2eTest {

    @TempDir
    static Path dir;

    static TestCertificates.Authority ca;
    static TestCertificates.Issued server;
    static TestCertificates.Issued user;
    static TestCertificates.Issued stranger;
    static CairnProcess cairn;

    @BeforeAll
    static void certificatesAndServer() throws IOException {
        ca = TestCertificates.authority(dir, "cairn-test-ca");
        TestCertificates.Authority otherCa = TestCertificates.authority(dir, "unrelated-ca");
        server = TestCertificates.server(ca, dir, "server", "server");
        user = TestCertificates.client(ca, dir, "some-user", "some-user");
        stranger = TestCertificates.client(otherCa, dir, "stranger", "some-user");
        cairn = CairnProcess.createTls(Files.createDirectories(dir.resolve("cairn")), mutualTlsFlags(),
                ClientTls.of(ca, user));
        cairn.start();
    }

    @AfterAll
    static void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    static List<String> mutualTlsFlags() {
        return List.of("--cert-file", server.certFile().toString(), "--key-file", server.keyFile().toString(),
                "--client-cert-auth", "--trusted-ca-file", ca.certFile().toString());
    }

    @Test
    void etcdctlNeedsAClientCertificateFromTheTrustedCaAndAnswersAsEtcdDoes() throws IOException {
        List<Etcdctl.Output> fromEtcd;
        try (EtcdProcess etcd = EtcdProcess.createTls(Files.createDirectories(dir.resolve("etcd")), mutualTlsFlags(),
                ClientTls.of(ca, user))) {
            etcd.start();
            fromEtcd = etcdctlScenario(etcd.endpoint(), "etcd");
        }
        List<Etcdctl.Output> fromCairn = etcdctlScenario(cairn.endpoint(), "cairn");

        assertThat(fromEtcd.get(0).exitCode()).as(fromEtcd.get(0).render()).isZero();
        assertThat(fromEtcd.get(1).stdout()).isEqualTo("greeting\nhello\n");
        assertThat(fromEtcd.get(2).exitCode()).as("no client certificate: " + fromEtcd.get(2).render()).isNotZero();
        assertThat(fromEtcd.get(3).exitCode()).as("foreign client certificate: " + fromEtcd.get(3).render())
                .isNotZero();
        for (int i = 0; i < fromEtcd.size(); i++) {
            assertThat(render(fromCairn.get(i))).as("etcdctl call #" + i).isEqualTo(render(fromEtcd.get(i)));
        }
    }

    /** put and get with the right certificate, then get without a certificate, then with a foreign one. */
    private static List<Etcdctl.Output> etcdctlScenario(java.net.URI endpoint, String name) throws IOException {
        Etcdctl etcdctl = new Etcdctl(endpoint, Files.createDirectories(dir.resolve("etcdctl-" + name)));
        List<String> timeouts = List.of("--dial-timeout=2s", "--command-timeout=3s");
        List<Etcdctl.Output> outputs = new ArrayList<>();
        outputs.add(etcdctl.run(args(ClientTls.of(ca, user), timeouts, "put", "greeting", "hello"), null));
        outputs.add(etcdctl.run(args(ClientTls.of(ca, user), timeouts, "get", "greeting"), null));
        ClientTls noCertificate = new ClientTls(Optional.of(ca.certFile()), Optional.empty(), Optional.empty());
        outputs.add(etcdctl.run(args(noCertificate, timeouts, "get", "greeting"), null));
        outputs.add(etcdctl.run(args(ClientTls.of(ca, stranger), timeouts, "get", "greeting"), null));
        return outputs;
    }

    private static List<String> args(ClientTls tls, List<String> timeouts, String... command) {
        List<String> args = new ArrayList<>(tls.etcdctlFlags());
        args.addAll(timeouts);
        args.addAll(List.of(command));
        return args;
    }

    /** The masked output, with the dial target's random id and the paths of the scratch files hidden. */
    private static String render(Etcdctl.Output output) {
        return output.masked().render().replace(dir.toString(), "<dir>");
    }

    @Test
    void jetcdConnectsOverTlsWithTheTestCaAndPutsGetsAndWatches() throws Exception {
        try (Client client = Client.builder().endpoints(cairn.endpoint())
                .sslContext(ClientTls.of(ca, user).grpcContext()).build()) {
            ByteSequence key = bytes("jetcd-key");
            CompletableFuture<WatchEvent> seen = new CompletableFuture<>();
            // the watch starts at the next revision: a watch and a put travel on different streams, and nothing (in
            // etcd either) orders the watch's creation before a put sent right after it
            long next = client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getHeader().getRevision() + 1;
            try (Watch.Watcher watcher = client.getWatchClient().watch(key,
                    io.etcd.jetcd.options.WatchOption.builder().withRevision(next).build(),
                    response -> response.getEvents().forEach(seen::complete))) {
                client.getKVClient().put(key, bytes("over-tls")).get(10, TimeUnit.SECONDS);
                assertThat(client.getKVClient().get(key).get(10, TimeUnit.SECONDS).getKvs())
                        .singleElement().satisfies(kv -> assertThat(kv.getValue()).isEqualTo(bytes("over-tls")));
                WatchEvent event = seen.get(10, TimeUnit.SECONDS);
                assertThat(event.getKeyValue().getValue()).isEqualTo(bytes("over-tls"));
            }
        }
    }

    @Test
    void healthAndMetricsAreServedOverHttpsOnTheClientPort() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        context.init(keyManagers(), tmf.getTrustManagers(), null);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(context)
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var health = http.send(java.net.http.HttpRequest.newBuilder(cairn.endpoint().resolve("/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"health\":\"true\"");
        var metrics = http.send(java.net.http.HttpRequest.newBuilder(cairn.endpoint().resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("# TYPE");
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        java.security.PrivateKey key;
        try (var parser = new org.bouncycastle.openssl.PEMParser(Files.newBufferedReader(user.keyFile()))) {
            key = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().getPrivateKey(
                    (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) parser.readObject());
        }
        keys.setKeyEntry("user", key, new char[0], new java.security.cert.Certificate[] {user.certificate()});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
        kmf.init(keys, new char[0]);
        return kmf.getKeyManagers();
    }

    @Test
    void garbageHalfHandshakesAndPlainTextDoNotHarmTheServer() throws IOException {
        byte[] garbage = new byte[64 * 1024];
        new Random(42).nextBytes(garbage);
        assertThat(sendAndAwaitClose(garbage)).as("random bytes end the connection").isTrue();
        byte[] preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(sendAndAwaitClose(preface)).as("plain-text HTTP/2 ends the connection").isTrue();

        // a ClientHello record that announces 512 bytes and stops after a few: the server waits for the rest,
        // and meanwhile serves everyone else
        byte[] truncatedHello = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x11};
        try (Socket halfOpen = connect()) {
            halfOpen.getOutputStream().write(truncatedHello);
            halfOpen.getOutputStream().flush();
            assertServes("during a half handshake");
        }
        assertServes("after a half handshake");
    }

    private void assertServes(String when) throws IOException {
        Etcdctl etcdctl = new Etcdctl(cairn.endpoint(), Files.createDirectories(dir.resolve("etcdctl-malformed")));
        Etcdctl.Output put = etcdctl.run(args(ClientTls.of(ca, user), List.of(), "put", "still", when), null);
        assertThat(put.exitCode()).as(when + ": " + put.render()).isZero();
        assertThat(etcdctl.run(args(ClientTls.of(ca, user), List.of(), "get", "still", "--print-value-only"), null)
                .stdout()).isEqualTo(when + "\n");
    }

    /** Sends {@code bytes}, then reads until the server closes the connection; whether it did. */
    private static boolean sendAndAwaitClose(byte[] bytes) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedWhileWriting) {
                return true;
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) >= 0) {
                    // an alert or an HTTP/2 GOAWAY may come first; the close is what counts
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", cairn.endpoint().getPort()), 5_000);
        socket.setSoTimeout(30_000);
        return socket;
    }

    @Test
    void autoTlsGeneratesACertificateThatEtcdctlAcceptsWithoutVerification() throws IOException {
        Path home = Files.createDirectories(dir.resolve("auto-tls"));
        try (CairnProcess auto = CairnProcess.createTls(home, List.of("--auto-tls"), ClientTls.insecure())) {
            auto.start();
            Etcdctl etcdctl = new Etcdctl(auto.endpoint(), Files.createDirectories(home.resolve("etcdctl")));
            Etcdctl.Output put = etcdctl.run(args(ClientTls.insecure(), List.of(), "put", "auto", "tls"), null);
            assertThat(put.exitCode()).as(put.render()).isZero();
            assertThat(etcdctl.run(args(ClientTls.insecure(), List.of(), "get", "auto", "--print-value-only"), null)
                    .stdout()).isEqualTo("tls\n");
            assertThat(home.resolve("data/fixtures/client/cert.pem")).isRegularFile();
            assertThat(home.resolve("data/fixtures/client/key.pem")).isRegularFile();
        }
    }

    @Test
    void tlsMinVersionOneThreeRefusesATls12OnlyClientAndServesTls13() throws Exception {
        Path home = Files.createDirectories(dir.resolve("tls13"));
        try (CairnProcess only13 = CairnProcess.createTls(home, List.of("--auto-tls", "--tls-min-version", "TLS1.3"),
                ClientTls.insecure())) {
            only13.start();
            assertThat(handshake(only13.endpoint(), "TLSv1.2")).as("a TLS 1.2-only client").isNull();
            assertThat(handshake(only13.endpoint(), "TLSv1.3")).isEqualTo("TLSv1.3");
            assertThat(handshake(cairn.endpoint(), "TLSv1.2")).as("the default still speaks TLS 1.2")
                    .isEqualTo("TLSv1.2");
        }
    }

    /** The protocol a handshake speaking only {@code protocol} agreed on, or null when it was refused. */
    private static String handshake(java.net.URI endpoint, String protocol) throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManager trustAll = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        };
        context.init(keyManagers(), new javax.net.ssl.TrustManager[] {trustAll}, null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        } catch (javax.net.ssl.SSLException refused) {
            return null;
        }
    }

    private static ByteSequence bytes(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }
}
