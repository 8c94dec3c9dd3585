package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the etcdctl end-to-end tests: runs one scripted session (a test resource, see {@link EtcdctlScript})
 * against a fresh etcd, again against a second fresh etcd (so the masking is known to be enough), and against a
 * fresh Cairn, and requires identical output (stdout, stderr, exit code) at every step once ids, terms, timestamps,
 * sizes and ports are masked. Each run's masked transcript is written to
 * {@code target/etcdctl-session/<session>/<server>.txt} for diffing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EtcdctlSessionTest {

    private EtcdctlScript script;
    private List<EtcdctlSession.Result> etcdTranscript;

    /** The script's resource name, e.g. {@code etcdctl-session.txt}. */
    abstract String session();

    /** Texts etcd's transcript must contain, so that the script keeps reaching the cases it is meant to cover. */
    abstract List<String> outputsTheSessionMustReach();

    @BeforeAll
    void recordEtcdsAnswers() {
        Etcdctl.requireBinary();
        EtcdProcess.requireBinary();
        script = EtcdctlScript.parse(resource(session()), EtcdctlSessionTest::resource);
        etcdTranscript = EtcdctlSession.run(script, name(), ServerKind.ETCD, "etcd", Optional.empty());
    }

    @Test
    void etcdAnswersTheSessionIdenticallyOnASecondFreshCluster() {
        EtcdctlSession.run(script, name(), ServerKind.ETCD, "etcd-again", Optional.of(etcdTranscript));
    }

    @Test
    void theSessionReachesEveryOutputItIsMeantToCover() {
        String all = String.join("\n", etcdTranscript.stream().map(EtcdctlSession.Result::render).toList());

        assertThat(all).contains(outputsTheSessionMustReach());
    }

    @Test
    void cairnAnswersTheSessionExactlyAsEtcdDoes() {
        EtcdctlSession.run(script, name(), ServerKind.CAIRN, "cairn", Optional.of(etcdTranscript));
    }

    @Test
    void aThreeMemberCairnClusterAnswersTheSessionThroughAFollowerExactlyAsEtcdDoes() {
        EtcdctlSession.run(script, name(), throughLeader() ? ClusterMemberServer::leader
                : ClusterMemberServer::follower, "cairn-cluster", Optional.of(etcdTranscript));
    }

    /**
     * Sessions whose output names the leader (endpoint status) run against the leader of the cluster, where etcd's
     * single member is its own leader too.
     */
    boolean throughLeader() {
        return false;
    }

    private String name() {
        return session().replaceFirst("\\.txt$", "");
    }

    static String resource(String name) {
        try (InputStream in = EtcdctlSessionTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
