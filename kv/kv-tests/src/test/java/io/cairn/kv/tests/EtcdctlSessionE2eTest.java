package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the scripted etcdctl session in {@code etcdctl-session.txt} against a fresh etcd and a fresh Cairn, and
 * requires identical output (stdout, stderr, exit code) at every step once ids, terms, timestamps and ports are
 * masked. The first differing step is reported with both outputs; each run's masked transcript is also written to
 * {@code target/etcdctl-session/<server>.txt} for diffing. A failure report carries the tail of the server's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdctlSessionE2eTest {

    private static final String SESSION = "etcdctl-session.txt";
    private static final Path TRANSCRIPTS = Path.of("target", "etcdctl-session");

    private static final int LOG_TAIL_LINES = 30;

    private EtcdctlScript script;
    private List<Etcdctl.Output> etcdTranscript;

    @BeforeAll
    void recordEtcdsAnswers() {
        Etcdctl.requireBinary();
        EtcdProcess.requireBinary();
        script = EtcdctlScript.parse(resource(SESSION), EtcdctlSessionE2eTest::resource);
        etcdTranscript = runSession(ServerKind.ETCD, "etcd", Optional.empty());
    }

    @Test
    void etcdAnswersTheSessionIdenticallyOnASecondFreshCluster() {
        runSession(ServerKind.ETCD, "etcd-again", Optional.of(etcdTranscript));
    }

    @Test
    void theSessionReachesEveryErrorItIsMeantToCover() {
        String all = String.join("\n", etcdTranscript.stream().map(Etcdctl.Output::render).toList());

        assertThat(all).contains(
                "Error: etcdserver: mvcc: required revision has been compacted",
                "Error: etcdserver: mvcc: required revision is a future revision",
                "Error: etcdserver: key is not provided",
                "Error: etcdserver: duplicate key given in txn request",
                "Error: etcdserver: too many operations in txn request",
                "compacted revision");
    }

    @Test
    void cairnAnswersTheSessionExactlyAsEtcdDoes() {
        runSession(ServerKind.CAIRN, "cairn", Optional.of(etcdTranscript));
    }

    /**
     * Runs the whole script against a fresh server of the given kind; when {@code expected} is present, compares each
     * step as it goes and fails at the first difference.
     */
    private List<Etcdctl.Output> runSession(ServerKind kind, String label, Optional<List<Etcdctl.Output>> expected) {
        List<Etcdctl.Output> transcript = new ArrayList<>();
        try (ServerProcess server = kind.create()) {
            server.start();
            Path scratch = Files.createDirectories(server.logFile().getParent().resolve("etcdctl"));
            Etcdctl etcdctl = new Etcdctl(server.endpoint(), scratch);
            for (int i = 0; i < script.steps().size(); i++) {
                EtcdctlScript.Step step = script.steps().get(i);
                Etcdctl.Output output;
                try {
                    output = etcdctl.run(step.args(), step.stdin().orElse(null)).masked();
                } catch (RuntimeException e) {
                    throw new IllegalStateException(step + " could not run against " + label + "; last lines of its"
                            + " log:\n" + server.logTail(LOG_TAIL_LINES), e);
                }
                transcript.add(output);
                if (expected.isPresent() && !expected.get().get(i).equals(output)) {
                    writeTranscript(label, transcript);
                    fail("""
                            %s differs from etcd at step %d of %d, %s
                            ===== etcd:
                            %s
                            ===== %s:
                            %s
                            ===== last lines of the %s log:
                            %s""", label, i + 1, script.steps().size(), step,
                            expected.get().get(i).render(), label, output.render(), label,
                            server.logTail(LOG_TAIL_LINES));
                }
            }
            writeTranscript(label, transcript);
            return transcript;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeTranscript(String label, List<Etcdctl.Output> transcript) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < transcript.size(); i++) {
            text.append("===== ").append(script.steps().get(i)).append('\n').append(transcript.get(i).render());
        }
        Files.createDirectories(TRANSCRIPTS);
        Files.writeString(TRANSCRIPTS.resolve(label + ".txt"), text, StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = EtcdctlSessionE2eTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
