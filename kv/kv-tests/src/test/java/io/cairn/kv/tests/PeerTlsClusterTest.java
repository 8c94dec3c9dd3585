package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * from one peer CA, form a cluster and replicate; a member whose certificate comes from another CA is added to the
 * member list but never takes part.
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

            TestCertificates.Issued outsiderCert = TestCertificates.server(otherCa, dir, "m4", "m4");
            CairnCluster.Member outsider = cluster.newJoiner("m4", "https", peerFlags(outsiderCert, otherCa));
            assertOk(etcdctl(scratch, follower, "member", "add", "m4", "--peer-urls=" + outsider.peerUrl()));
            outsider.launch();
            Thread.sleep(OUTSIDER_GRACE.toMillis());

            assertThat(outsider.logTail(400)).as("the outsider never serves")
                    .doesNotContain("ready to serve client requests");
            assertOk(etcdctl(scratch, follower, "put", "after-outsider", "still-writable"));
            for (CairnCluster.Member m : cluster.members().subList(0, 3)) {
                assertThat(etcdctl(scratch, m, "get", "after-outsider", "--print-value-only").stdout())
                        .as("linearizable read on " + m).isEqualTo("still-writable\n");
            }
            assertThat(etcdctl(scratch, leader, "member", "list").stdout())
                    .as("the outsider is listed, but never started").contains("unstarted");
        }
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
