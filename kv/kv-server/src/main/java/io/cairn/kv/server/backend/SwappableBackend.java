package io.cairn.kv.server.backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Backend} the store holds: one RocksDB database that can be replaced as a whole when this member
 * installs a snapshot from another member.
 *
 * <p>A replaced database is not closed at once: a read that started on it may still hold a cursor, and using
 * a closed RocksDB handle from Java crashes the process. It stays open (and unused) until this backend
 * closes; snapshot installs on a running member are rare (a member that fell behind the leader's log).
 */
final class SwappableBackend implements Backend {
    private final Path dir;
    private volatile RocksBackend current;
    private final List<RocksBackend> retired = new ArrayList<>();

    SwappableBackend(Path dir, RocksBackend first) {
        this.dir = dir;
        this.current = first;
    }

    @Override
    public Optional<byte[]> get(Table table, byte[] key) {
        return current.get(table, key);
    }

    @Override
    public Cursor cursor(Table table) {
        return current.cursor(table);
    }

    @Override
    public Cursor cursor(Table table, byte[] upperBoundExclusive) {
        return current.cursor(table, upperBoundExclusive);
    }

    @Override
    public Batch batch() {
        return current.batch();
    }

    @Override
    public Snapshot snapshot() {
        return current.snapshot();
    }

    @Override
    public void flush() {
        current.flush();
    }

    @Override
    public long sizeBytes() {
        return current.sizeBytes();
    }

    @Override
    public long liveDataBytes() {
        return current.liveDataBytes();
    }

    @Override
    public void compactAll() {
        current.compactAll();
    }

    @Override
    public void checkpoint(Path target) {
        current.checkpoint(target);
    }

    @Override
    public synchronized void replaceWith(Path incoming) {
        RocksBackend old = current;
        old.flush();
        Path aside = dir.resolveSibling(dir.getFileName() + ".replaced-" + System.nanoTime());
        try {
            // the old files stay reachable through the open handle; the directory name now belongs to the new one
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            Files.move(incoming, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the installed snapshot into " + dir, e);
        }
        current = RocksBackend.open(dir);
        retired.add(old);
        old.retiredAt(aside);
    }

    @Override
    public synchronized void close() {
        current.close();
        for (RocksBackend r : retired) {
            r.close();
            r.deleteRetiredFiles();
        }
        retired.clear();
    }
}
