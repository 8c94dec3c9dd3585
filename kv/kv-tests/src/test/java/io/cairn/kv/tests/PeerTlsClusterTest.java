package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer TLS with {@code --peer-client-cert-auth}: members on {@code https://} peer URLs, each with its own certificate
 * from one peer CA, form a cluster and replicate; garbage and half handshakes on a peer port harm no one; a member
 * whose certificate comes from another CA is added to the member list but never takes part.
 */
@Tag("slow")
class PeerTlsClusterTest {

    /** How long the outsider is given to join before the test looks at what it achieved. */
    private static final Duration OUTSIDER_GRACE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void membersWithCertificatesFromThePeerCaReplicateAndAMemberFromAnotherCaNeverJoins() throws Exception {
        TestCertificates.Authority peerCa = TestCertificates.authority(dir, "peer-ca");
        TestCertificates.Authority otherCa = TestCertificates.authority(dir, "other-ca");
        Path scratch = Files.createDirectories(dir.resolve("etcdctl"));
        try (CairnCluster cluster = CairnCluster.start(3, "https",
                name -> peerFlags(TestCertificates.server(peerCa, dir, name, name), peerCa))) {
            CairnCluster.Member leader = cluster.leader();
            CairnCluster.Member follower = cluster.follower();
            assertOk(etcdctl(scratch, leader, "put", "over-tls", "replicated"));
            for (CairnCluster.Member m : cluster.members()) {
                assertThat(etcdctl(scratch, m, "get", "over-tls", "--print-value-only").stdout())
                        .as("linearizable read on " + m).isEqualTo("replicated\n");
            }

            // garbage, a ClientHello cut short (kept open) and a plain-text connection on the leader's peer port
            int peerPort = URI.create(leader.peerUrl()).getPort();
            byte[] garbage = new byte[16 * 1024];
            new java.util.Random(7).nextBytes(garbage);
            send(peerPort, garbage).close();
            send(peerPort, "plain text, not TLS\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).close();
            try (Socket halfHandshake = send(peerPort,
                    new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03})) {
                assertOk(etcdctl(scratch, follower, "put", "despite-garbage", "fine"));
                assertThat(etcdctl(scratch, leader, "get", "despite-garbage", "--print-value-only").stdout())
                        .isEqualTo("fine\n");
            }
            assertThat(cluster.alive()).as("no member died of bad peer input").hasSize(3);

            TestCertificates.Issued outsiderCert = TestCertificates.server(otherCa, dir, "m4", "m4");
            CairnCluster.Member outsider = cluster.newJoiner("m4", "https", peerFlags(outsiderCert, otherCa));
            assertOk(etcdctl(scratch, follower, "member", "add", "m4", "--peer-urls=" + outsider.peerUrl()));
            outsider.launch();
            Thread.sleep(OUTSIDER_GRACE.toMillis());

            assertThat(outsider.logTail(400)).as("the outsider never serves, and refuses the members' certificates")
                    .doesNotContain("ready to serve client requests")
                    .contains("rejected peer connection from");
            assertOk(etcdctl(scratch, follower, "put", "after-outsider", "still-writable"));
            for (CairnCluster.Member m : cluster.members().subList(0, 3)) {
                assertThat(etcdctl(scratch, m, "get", "after-outsider", "--print-value-only").stdout())
                        .as("linearizable read on " + m).isEqualTo("still-writable\n");
            }
            assertThat(etcdctl(scratch, leader, "member", "list").stdout())
                    .as("the outsider is listed, but never started").contains("unstarted");
        }
    }

    /** Opens a connection to {@code port} and writes {@code bytes} on it. */
    private static Socket send(int port, byte[] bytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return socket;
    }

    private static List<String> peerFlags(TestCertificates.Issued cert, TestCertificates.Authority ca) {
        return List.of("--peer-cert-file", cert.certFile().toString(), "--peer-key-file", cert.keyFile().toString(),
                "--peer-client-cert-auth", "--peer-trusted-ca-file", ca.certFile().toString());
    }

    private static Etcdctl.Output etcdctl(Path scratch, CairnCluster.Member at, String... args) {
        return new Etcdctl(URI.create(at.clientUrl()), scratch).run(List.of(args), null);
    }

    private static void assertOk(Etcdctl.Output output) {
        assertThat(output.exitCode()).as(output.render()).isZero();
    }
}
