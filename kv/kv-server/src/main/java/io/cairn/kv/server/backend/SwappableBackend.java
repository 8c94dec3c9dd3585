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
 * <p>The database normally lives in {@code dir}; after a replacement it lives in a sibling directory named in
 * the marker file {@code <dir>.active} (written atomically), so the new database can open while the old one is
 * still open. A replaced database is not closed at once: a read that started on it may still hold a cursor,
 * and using a closed RocksDB handle from Java crashes the process. It is closed a minute later (or when this
 * backend closes) and its files deleted; snapshot installs on a running member are rare (a member that fell
 * behind the leader's log).
 */
final class SwappableBackend implements Backend {
    private static final long RETIRE_AFTER_MS = 60_000;

    private final Path dir;
    private volatile RocksBackend current;
    private final List<RocksBackend> retired = new ArrayList<>();
    private boolean closed;

    private SwappableBackend(Path dir, RocksBackend first) {
        this.dir = dir;
        this.current = first;
    }

    /** Opens the database of {@code dir}: the one the marker names, or {@code dir} itself. */
    static SwappableBackend open(Path dir) {
        Path marker = marker(dir);
        Path active = dir;
        try {
            if (Files.isRegularFile(marker)) {
                String name = Files.readString(marker).trim();
                if (!name.isEmpty() && !name.contains("/") && Files.isDirectory(dir.resolveSibling(name))) {
                    active = dir.resolveSibling(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
        return new SwappableBackend(dir, RocksBackend.open(active));
    }

    private static Path marker(Path dir) {
        return dir.resolveSibling(dir.getFileName() + ".active");
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
    public BackendStats stats() {
        return current.stats();
    }

    @Override
    public long estimatedKeys(Table table) {
        return current.estimatedKeys(table);
    }

    @Override
    public void checkpoint(Path target) {
        current.checkpoint(target);
    }

    @Override
    public synchronized void replaceWith(Path incoming) {
        RocksBackend old = current;
        old.flush();
        Path target = dir.resolveSibling(dir.getFileName() + "-" + System.currentTimeMillis());
        Path marker = marker(dir);
        Path markerTmp = marker.resolveSibling(marker.getFileName() + ".tmp");
        try {
            Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
            RocksBackend fresh = RocksBackend.open(target);
            Files.writeString(markerTmp, target.getFileName().toString());
            try (var ch = java.nio.channels.FileChannel.open(markerTmp, java.nio.file.StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(markerTmp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            current = fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the installed snapshot into place", e);
        }
        retired.add(old);
        old.retiredAt(old.directory());
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(RETIRE_AFTER_MS);
            } catch (InterruptedException e) {
                return;
            }
            retire(old);
        }, "cairn-retire-store");
        t.setDaemon(true);
        t.start();
    }

    private synchronized void retire(RocksBackend old) {
        if (!closed && retired.remove(old)) {
            old.close();
            old.deleteRetiredFiles();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        current.close();
        for (RocksBackend r : retired) {
            r.close();
            r.deleteRetiredFiles();
        }
        retired.clear();
    }
}
