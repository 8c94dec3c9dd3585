package io.cairn.kv.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server process the tests start loads RocksDB's JNI library where the build unpacked it, as the launcher does,
 * rather than copying it out of its jar into the temporary folder: a process killed with {@code kill -9} never
 * deletes its copy, and the crash tests left some 800 MB of them behind per run of the suite.
 */
class NativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void aKilledServerLeavesNoCopyOfRocksDbsLibraryInTheTemporaryFolder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (CairnProcess server = CairnProcess.withJvmFlags(Files.createDirectories(dir.resolve("member")),
                List.of("-Djava.io.tmpdir=" + tmp))) {
            server.start(); // returns once the member answers, so its store (RocksDB) is open
            server.kill();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("librocksdbjni"));
        }
    }
}
