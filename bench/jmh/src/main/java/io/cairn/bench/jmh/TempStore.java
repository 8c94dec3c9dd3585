package io.cairn.bench.jmh;

import io.cairn.kv.server.apply.Applier;
import io.cairn.kv.server.backend.Backend;
import io.cairn.kv.server.cluster.Members;
import io.cairn.kv.server.lease.Lessor;
import io.cairn.kv.server.maintenance.Alarms;
import io.cairn.kv.server.mvcc.MvccStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A store on RocksDB in a fresh temporary directory, wired as a member wires it (backend, keyspace, leases,
 * alarms, members, applier) but without Raft or gRPC, and deleted again on {@link #close()}.
 *
 * <p>Why: the benchmarks that touch storage measure the real engine with its real options, not a mock; each
 * starts from an empty directory so that runs do not see each other's data.
 */
public final class TempStore implements AutoCloseable {

    private final Path dir;
    private final Backend backend;
    private final MvccStore store;
    private final Applier applier;

    private TempStore(Path dir) {
        this.dir = dir;
        this.backend = Backend.open(dir);
        // compaction is never requested here; running it inline keeps the fixture free of threads
        this.store = MvccStore.open(backend, Runnable::run);
        Lessor lessor = new Lessor(store, backend, Duration.ofSeconds(1), System::nanoTime);
        this.applier = new Applier(store, lessor, new Alarms(backend), new Members(backend),
                io.cairn.kv.server.auth.AuthStore.open(backend));
    }

    /** Opens an empty store in a new temporary directory. */
    public static TempStore create() {
        try {
            return new TempStore(Files.createTempDirectory("cairn-jmh-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keyspace. */
    public MvccStore store() {
        return store;
    }

    /** The state machine's apply step on this store. */
    public Applier applier() {
        return applier;
    }

    /** The storage engine. */
    public Backend backend() {
        return backend;
    }

    /** Closes the store and deletes its directory. */
    @Override
    public void close() {
        store.close();
        backend.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
