package io.cairn.kv.tests;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cairn server started from the CLI build ({@code cli/target/cairn-cli.jar} plus {@code cli/target/lib/*}) with
 * etcd's own flags, on the same Java binary as the test JVM.
 *
 * <p>Why a separate process: the server's Netty 4.1 (inside JRaft/Bolt) and jetcd's Netty 4.2 cannot share a
 * classpath, and a real process is also what {@code kill -9} tests need.
 */
final class CairnProcess extends LocalServerProcess {

    private final Path root;
    private final List<String> jvmFlags;

    private CairnProcess(Path root, Path directory, List<String> extraFlags,
                         java.util.Optional<ClientTls> tls) {
        this(root, directory, extraFlags, tls, List.of());
    }

    private CairnProcess(Path root, Path directory, List<String> extraFlags,
                         java.util.Optional<ClientTls> tls, List<String> jvmFlags) {
        super("cairn", directory, Duration.ofSeconds(60), extraFlags, tls);
        this.root = root;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /** As {@link #create(Path, List)} with no extra server flags, its JVM started with {@code jvmFlags} too. */
    static CairnProcess withJvmFlags(Path directory, List<String> jvmFlags) {
        CairnProcess plain = create(directory, List.of());
        return new CairnProcess(plain.root, directory, List.of(), java.util.Optional.empty(), jvmFlags);
    }

    /** As {@link #create(Path, List)}, serving {@code https://} (the TLS flags among {@code extraFlags}). */
    static CairnProcess createTls(Path directory, List<String> extraFlags, ClientTls probe) {
        CairnProcess plain = create(directory, extraFlags);
        return new CairnProcess(plain.root, directory, extraFlags, java.util.Optional.of(probe));
    }

    /**
     * A Cairn process (not started yet) that owns {@code directory}, started with etcd's shared flags plus
     * {@code extraFlags}; the repository root comes from the system property {@code cairn.root}, which the build
     * sets.
     */
    static CairnProcess create(Path directory, List<String> extraFlags) {
        String root = System.getProperty("cairn.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property cairn.root (the repository root) is not set;"
                    + " run the tests through Maven, or pass -Dcairn.root=<repository root>");
        }
        Path jar = Path.of(root, "cli", "target", "cairn-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the server first"
                    + " (mvn -pl cli -am package -DskipTests)");
        }
        return new CairnProcess(Path.of(root), directory, extraFlags, java.util.Optional.empty());
    }

    @Override
    List<String> command() {
        List<String> command = serverCommand(root);
        command.addAll(1, jvmFlags);
        command.addAll(etcdFlags());
        return command;
    }

    /** {@code java ... io.cairn.cli.Main server}, without flags: the command every Cairn test process runs. */
    static List<String> serverCommand(Path root) {
        List<String> command = cliCommand(root, List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        // the store's tests run without the Kubernetes API server (its own suite covers it)
        command.addAll(List.of("server", "--apiserver-listen=none"));
        ServerClassArchive.get(root, command)
                .ifPresent(jsa -> command.addAll(1, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off,cds+dynamic=off")));
        return command;
    }

    /**
     * {@code java <jvmFlags> -cp <cli jar and its libraries> io.cairn.cli.Main}, on the same Java binary as the test
     * JVM, from the build under {@code root}: the cairn command line, ready for its arguments.
     */
    static List<String> cliCommand(Path root, List<String> jvmFlags) {
        Path target = root.resolve("cli").resolve("target");
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this JVM"));
        String classpath = target.resolve("cairn-cli.jar") + File.pathSeparator + target.resolve("lib") + File.separator
                + "*";
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        nativeLibraryPath(target).ifPresent(command::add);
        command.addAll(List.of("-cp", classpath, "io.cairn.cli.Main"));
        return command;
    }

    /**
     * As the launcher does: RocksDB's JNI library loaded in place from the build's unpacked copy, when there is one
     * for this platform. Without it every process copies the 17 MB library out of its jar into the temporary
     * folder, and a process the test kills never deletes its copy.
     */
    static java.util.Optional<String> nativeLibraryPath(Path target) {
        Path lib = target.resolve("native").resolve("librocksdbjni-linux64.so");
        String arch = System.getProperty("os.arch");
        if (!Files.isRegularFile(lib) || !("amd64".equals(arch) || "x86_64".equals(arch))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("-Djava.library.path=" + lib.getParent()
                + ":/usr/java/packages/lib:/usr/lib64:/lib64:/lib:/usr/lib");
    }

    /** The repository root the build passes in {@code cairn.root}. */
    static Path root() {
        String root = System.getProperty("cairn.root");
        if (root == null || root.isBlank()) {
            throw new IllegalStateException("system property cairn.root (the repository root) is not set");
        }
        return Path.of(root);
    }
}
