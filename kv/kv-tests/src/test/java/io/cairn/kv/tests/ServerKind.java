package io.cairn.kv.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The two servers every conformance test runs against.
 *
 * <p>Why an enum: it is the argument of {@link BothServers}, so each conformance class is written once and reported
 * twice, as {@code [etcd]} and {@code [cairn]}.
 */
enum ServerKind {
    /** The real etcd 3.4, the oracle. */
    ETCD,
    /** Cairn, the system under test. */
    CAIRN;

    /** A new, not yet started server of this kind in a fresh temporary directory that the server owns. */
    ServerProcess create() {
        return create(List.of());
    }

    /** Like {@link #create()}, with {@code extraFlags} (etcd's spelling) appended to the shared flags. */
    ServerProcess create(List<String> extraFlags) {
        Path directory;
        try {
            directory = Files.createTempDirectory("cairn-kv-tests-" + this + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return switch (this) {
                case ETCD -> EtcdProcess.create(directory, extraFlags);
                case CAIRN -> CairnProcess.create(directory, extraFlags);
            };
        } catch (RuntimeException e) {
            LocalServerProcess.deleteRecursively(directory);
            throw e;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
