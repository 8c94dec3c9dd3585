package io.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.kv.server.TransportSecurity;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TlsFlagsTest {

    @Test
    void clientTlsFlagsReachTheServerConfiguration() {
        TransportSecurity security = Cli.run("server",
                "--listen-client-urls", "https://127.0.0.1:2379", "--advertise-client-urls", "https://127.0.0.1:2379",
                "--cert-file", "/tls/server.pem", "--key-file", "/tls/server-key.pem",
                "--client-cert-auth", "--trusted-ca-file", "/tls/ca.pem").started().transportSecurity();

        assertThat(security.client().certFile()).contains(Path.of("/tls/server.pem"));
        assertThat(security.client().keyFile()).contains(Path.of("/tls/server-key.pem"));
        assertThat(security.client().trustedCaFile()).contains(Path.of("/tls/ca.pem"));
        assertThat(security.client().clientCertAuth()).isTrue();
        assertThat(security.client().autoTls()).isFalse();
        assertThat(security.peer().certFile()).isEmpty();
    }

    @Test
    void aBareSwitchMeansTrueAndGoBooleanSpellingsAreAccepted() {
        assertThat(Cli.run("server", "--auto-tls").started().transportSecurity().client().autoTls()).isTrue();
        assertThat(Cli.run("server", "--auto-tls=T").started().transportSecurity().client().autoTls()).isTrue();
        assertThat(Cli.run("server", "--auto-tls=0").started().transportSecurity().client().autoTls()).isFalse();
        assertThat(Cli.run("server", "--peer-client-cert-auth=FALSE").started().transportSecurity().peer()
                .clientCertAuth()).isFalse();
    }

    @Test
    void aSwitchThatIsNotABooleanFailsNamingTheFlag() {
        Cli cli = Cli.run("server", "--client-cert-auth=yes");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo(
                "cairn: invalid value \"yes\" for flag --client-cert-auth: not a boolean (true or false)\n");
    }

    @Test
    void peerFlagsAndEnvironmentVariablesSetThePeerSide() {
        TransportSecurity security = Cli.run(Map.of("ETCD_PEER_CERT_FILE", "/tls/peer.pem",
                "ETCD_PEER_KEY_FILE", "/tls/peer-key.pem", "ETCD_PEER_CLIENT_CERT_AUTH", "true",
                "CAIRN_PEER_TRUSTED_CA_FILE", "/tls/peer-ca.pem"), "server").started().transportSecurity();

        assertThat(security.peer().certFile()).contains(Path.of("/tls/peer.pem"));
        assertThat(security.peer().keyFile()).contains(Path.of("/tls/peer-key.pem"));
        assertThat(security.peer().clientCertAuth()).isTrue();
        assertThat(security.peer().trustedCaFile()).contains(Path.of("/tls/peer-ca.pem"));
        assertThat(security.client().certFile()).isEmpty();
    }

    @Test
    void aCertificateWithoutItsKeyFailsWithEtcdsMessage() {
        Cli cli = Cli.run("server", "--cert-file", "/tls/server.pem");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: KeyFile and CertFile must both be present[key: , cert: "
                + "/tls/server.pem]\n");
    }

    @Test
    void anHttpsClientUrlIsServedWithAutoTls() {
        Cli cli = Cli.run("server", "--listen-client-urls", "https://127.0.0.1:2379",
                "--advertise-client-urls", "https://127.0.0.1:2379", "--auto-tls");

        assertThat(cli.status()).isZero();
        assertThat(cli.started().listenClientUrls()).extracting(Object::toString)
                .containsExactly("https://127.0.0.1:2379");
    }

    @Test
    void cipherSuitesAreGoNamesAndAnUnknownOneFailsWithEtcdsMessage() {
        assertThat(Cli.run("server", "--cipher-suites",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305").started()
                .transportSecurity().cipherSuites()).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305");

        Cli cli = Cli.run("server", "--cipher-suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,ECDHE-RSA-AES128-GCM");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("cairn: unexpected TLS cipher suite \"ECDHE-RSA-AES128-GCM\"\n");
    }

    @Test
    void tlsVersionsDefaultToOneTwoAndOneThreeAndFollowEtcd35sFlags() {
        assertThat(Cli.run("server").started().transportSecurity().protocols())
                .containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(Cli.run("server", "--tls-min-version", "TLS1.3").started().transportSecurity().protocols())
                .containsExactly("TLSv1.3");
        assertThat(Cli.run("server", "--tls-max-version=TLS1.2").started().transportSecurity().protocols())
                .containsExactly("TLSv1.2");
        assertThat(Cli.run(Map.of("ETCD_TLS_MIN_VERSION", "TLS1.3"), "server").started().transportSecurity()
                .protocols()).containsExactly("TLSv1.3");
    }

    @Test
    void badTlsVersionsFailWithEtcdsMessages() {
        Cli inverted = Cli.run("server", "--tls-min-version", "TLS1.3", "--tls-max-version", "TLS1.2");
        assertThat(inverted.status()).isEqualTo(1);
        assertThat(inverted.err()).isEqualTo("cairn: min version (TLS1.3) is greater than max version (TLS1.2)\n");

        Cli unknown = Cli.run("server", "--tls-max-version", "TLS1.1");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err())
                .isEqualTo("cairn: unexpected TLS version \"TLS1.1\" (must be one of: TLS1.2, TLS1.3)\n");

        Cli ciphersWith13Only = Cli.run("server", "--tls-min-version", "TLS1.3", "--cipher-suites",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(ciphersWith13Only.status()).isEqualTo(1);
        assertThat(ciphersWith13Only.err())
                .isEqualTo("cairn: cipher suites cannot be configured when only TLS1.3 is enabled\n");
    }

    @Test
    void mixedHttpAndHttpsClientUrlsAreRefused() {
        Cli cli = Cli.run("server", "--listen-client-urls", "http://127.0.0.1:2379,https://127.0.0.1:2479",
                "--advertise-client-urls", "http://127.0.0.1:2379", "--auto-tls");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).contains("must all be http:// or all be https://");
    }

    @Test
    void anHttpsPeerUrlWithoutPeerCertificateFailsWithEtcdsMessage() {
        Cli cli = Cli.run("server", "--listen-peer-urls", "https://127.0.0.1:2380");

        assertThat(cli.status()).isEqualTo(1);
        assertThat(cli.err()).isEqualTo(
                "cairn: cannot listen on TLS for 127.0.0.1:2380: KeyFile and CertFile are not presented\n");
    }

    @Test
    void httpsPeerUrlsAreAcceptedWithPeerCertificates() {
        Cli cli = Cli.run("server", "--listen-peer-urls", "https://127.0.0.1:2380",
                "--initial-advertise-peer-urls", "https://127.0.0.1:2380",
                "--peer-cert-file", "/tls/peer.pem", "--peer-key-file", "/tls/peer-key.pem",
                "--peer-client-cert-auth", "--peer-trusted-ca-file", "/tls/ca.pem");

        assertThat(cli.status()).isZero();
        assertThat(cli.started().initialCluster()).isEqualTo("default=https://127.0.0.1:2380");
        assertThat(cli.started().transportSecurity().peer().requiresClientCertificate()).isTrue();
    }
}
