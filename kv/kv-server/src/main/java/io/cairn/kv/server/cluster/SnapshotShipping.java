package io.cairn.kv.server.cluster;

import io.cairn.kv.server.consensus.Consensus;
import io.cairn.kv.server.maintenance.SnapshotArchive;
import io.cairn.kv.server.mvcc.MvccStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships a whole store from one member to another when the Raft snapshot a member receives is ahead of its
 * store: the Raft snapshot itself is only a small manifest, and the store's files travel here, in chunks over
 * the peer transport, as one checksummed archive of a fresh RocksDB checkpoint of the source.
 *
 * <p>Why: the consensus library's own snapshot copy is built for small snapshots and times out on large ones;
 * a checkpoint taken when the transfer starts is at or beyond the manifest's index, and entries the new store
 * already holds are skipped when the log is replayed on top of it.
 */
public final class SnapshotShipping {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotShipping.class);
    static final String OPEN = "snapshot.open";
    static final String READ = "snapshot.read";
    static final String CLOSE = "snapshot.close";
    private static final int CHUNK = 1 << 20;
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final Consensus consensus;
    private final MvccStore store;
    private final Path scratch;
    private final AtomicLong ids = new AtomicLong(System.nanoTime());
    private final Map<Long, Served> served = new ConcurrentHashMap<>();

    private record Served(Path file, long size, long[] lastUse) {
    }

    /** An archive fetched from another member: the store files in {@code dir}, at raft index {@code index}. */
    public record Fetched(Path dir, long index) {
    }

    public SnapshotShipping(Consensus consensus, MvccStore store, Path scratch) {
        this.consensus = consensus;
        this.store = store;
        this.scratch = scratch;
        consensus.handle(OPEN, p -> CompletableFuture.supplyAsync(this::open));
        consensus.handle(READ, p -> CompletableFuture.supplyAsync(() -> read(p)));
        consensus.handle(CLOSE, p -> {
            close(ByteBuffer.wrap(p).getLong());
            return CompletableFuture.completedFuture(new byte[0]);
        });
    }

    // ---- the source side ----------------------------------------------------------------------------------------

    private byte[] open() {
        expireIdle();
        long id = ids.incrementAndGet();
        Path dir = scratch.resolve("ship-" + id);
        Path file = scratch.resolve("ship-" + id + ".snap");
        try {
            Files.createDirectories(scratch);
            long index = store.consistentIndex();
            store.backend().checkpoint(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                SnapshotArchive.write(dir, out);
            }
            long size = Files.size(file);
            served.put(id, new Served(file, size, new long[] {System.nanoTime()}));
            LOG.info("shipping the store (raft index >= {}, {} bytes) to a member that fell behind", index, size);
            return ByteBuffer.allocate(24).putLong(id).putLong(size).putLong(index).array();
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private byte[] read(byte[] request) {
        ByteBuffer b = ByteBuffer.wrap(request);
        long id = b.getLong();
        long offset = b.getLong();
        Served s = served.get(id);
        if (s == null) {
            throw new io.cairn.kv.server.errors.KvException.Stopped();
        }
        s.lastUse()[0] = System.nanoTime();
        int n = (int) Math.min(CHUNK, Math.max(0, s.size() - offset));
        byte[] out = new byte[n];
        try (RandomAccessFile f = new RandomAccessFile(s.file().toFile(), "r")) {
            f.seek(offset);
            f.readFully(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void close(long id) {
        Served s = served.remove(id);
        if (s != null) {
            deleteQuietly(s.file());
        }
    }

    private void expireIdle() {
        long now = System.nanoTime();
        served.forEach((id, s) -> {
            if (now - s.lastUse()[0] > IDLE.toNanos()) {
                close(id);
            }
        });
    }

    // ---- the receiving side -------------------------------------------------------------------------------------

    /**
     * Fetches a store at raft index {@code atLeast} or later from the first of {@code sources} that has one,
     * into a new directory under the scratch folder.
     *
     * @throws IllegalStateException if no source could deliver
     */
    public Fetched fetch(List<String> sources, long atLeast) {
        Exception last = null;
        for (String source : sources.stream().distinct().toList()) {
            if (source.equals(consensus.self())) {
                continue;
            }
            try {
                Fetched f = fetchFrom(source);
                if (f.index() >= atLeast) {
                    return f;
                }
                deleteQuietly(f.dir());
                last = new IllegalStateException(source + " has only index " + f.index() + " < " + atLeast);
            } catch (Exception e) {
                LOG.warn("could not fetch the store from {}: {}", source, e.toString());
                last = e;
            }
        }
        throw new IllegalStateException("no member could ship a store at index " + atLeast, last);
    }

    private Fetched fetchFrom(String source) throws Exception {
        ByteBuffer opened = ByteBuffer.wrap(consensus.call(source, OPEN, new byte[0], CALL_TIMEOUT).get());
        long id = opened.getLong();
        long size = opened.getLong();
        long index = opened.getLong();
        Files.createDirectories(scratch);
        Path file = scratch.resolve("incoming-" + id + ".snap");
        Path dir = scratch.resolve("incoming-" + id);
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                long offset = 0;
                while (offset < size) {
                    byte[] req = ByteBuffer.allocate(16).putLong(id).putLong(offset).array();
                    byte[] chunk = consensus.call(source, READ, req, CALL_TIMEOUT).get();
                    if (chunk.length == 0) {
                        throw new IOException("the source stopped sending at " + offset + " of " + size);
                    }
                    out.write(chunk);
                    offset += chunk.length;
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                SnapshotArchive.extract(in, dir); // verifies the checksum
            }
            LOG.info("fetched the store from {} (raft index >= {}, {} bytes)", source, index, size);
            return new Fetched(dir, index);
        } catch (Exception e) {
            deleteQuietly(dir);
            throw e;
        } finally {
            deleteQuietly(file);
            consensus.call(source, CLOSE, ByteBuffer.allocate(8).putLong(id).array(), CALL_TIMEOUT);
        }
    }

    static void deleteQuietly(Path p) {
        io.cairn.kv.server.backend.ScratchFiles.deleteQuietly(p);
    }
}
