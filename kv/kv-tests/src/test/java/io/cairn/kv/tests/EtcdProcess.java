package io.cairn.kv.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real etcd 3.4 member, {@code /usr/bin/etcd} from Debian's {@code etcd-server} package (or {@code -Dcairn.etcd}).
 *
 * <p>Why: etcd itself is the oracle. A test that needs it fails (never skips) when it is missing, so a green run
 * always means "compared with etcd".
 */
final class EtcdProcess extends LocalServerProcess {

    /** The etcd binary; {@code -Dcairn.etcd=/path/to/etcd} overrides it. */
    static final Path BINARY = Path.of(System.getProperty("cairn.etcd", "/usr/bin/etcd"));

    private EtcdProcess(Path directory, List<String> extraFlags, java.util.Optional<ClientTls> tls) {
        super("etcd", directory, Duration.ofSeconds(30), extraFlags, tls);
    }

    /** As {@link #create(Path, List)}, serving {@code https://} (the TLS flags among {@code extraFlags}). */
    static EtcdProcess createTls(Path directory, List<String> extraFlags, ClientTls probe) {
        requireBinary();
        return new EtcdProcess(directory, extraFlags, java.util.Optional.of(probe));
    }

    /** An etcd process (not started yet) that owns {@code directory}, started with {@code extraFlags} as well. */
    static EtcdProcess create(Path directory, List<String> extraFlags) {
        requireBinary();
        return new EtcdProcess(directory, extraFlags, java.util.Optional.empty());
    }

    /** Fails with an actionable message when the etcd binary is not installed. */
    static void requireBinary() {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("this test compares with a real etcd, but " + BINARY
                    + " is not installed: install the Debian package etcd-server (apt-get install etcd-server),"
                    + " or point -Dcairn.etcd at an etcd 3.4 binary");
        }
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(BINARY.toString());
        command.addAll(etcdFlags());
        return command;
    }
}
