package io.cairn.kv.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from files, read again when one of the files' modification time changes, checked at most once per
 * {@link #CHECK_INTERVAL}.
 *
 * <p>Why: etcd reads its certificate files on every TLS handshake, so replacing them on disk takes effect for the
 * next connection without a restart. Re-reading on every handshake would cost a file read per connection; checking
 * the modification times at most once a second gives the same effect for operators. A replacement that cannot be
 * read (a half-written file, a key that does not match yet) keeps the last good value and is retried at the next
 * check, so a rotation never takes the port down.
 *
 * @param <T> what the files hold
 */
final class WatchedFiles<T> {
    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFiles.class);

    /** Reads the value from the files. */
    interface Loader<T> {
        T load() throws IOException;
    }

    private record Snapshot<T>(T value, List<FileTime> times, long checkedAt) {
    }

    private final List<Path> files;
    private final Loader<T> loader;
    private final LongSupplier nanoTime;
    private volatile Snapshot<T> current;

    /**
     * Reads the value once; a failure here is the caller's startup error.
     *
     * @param nanoTime the clock that spaces the checks ({@code System::nanoTime} outside tests)
     */
    WatchedFiles(List<Path> files, Loader<T> loader, LongSupplier nanoTime) throws IOException {
        this.files = List.copyOf(files);
        this.loader = loader;
        this.nanoTime = nanoTime;
        List<FileTime> times = times();
        this.current = new Snapshot<>(loader.load(), times, nanoTime.getAsLong());
    }

    /** The value, read again first if the files changed since the last check (at most one check a second). */
    T get() {
        Snapshot<T> seen = current;
        long now = nanoTime.getAsLong();
        if (now - seen.checkedAt() < CHECK_INTERVAL.toNanos()) {
            return seen.value();
        }
        synchronized (this) {
            seen = current;
            if (now - seen.checkedAt() < CHECK_INTERVAL.toNanos()) {
                return seen.value();
            }
            T value = seen.value();
            List<FileTime> times = seen.times();
            try {
                List<FileTime> now2 = times();
                if (!now2.equals(times)) {
                    value = loader.load();
                    times = now2;
                    LOG.info("re-read {} after it changed on disk", files);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("keeping the previous contents of {}: cannot read the changed files: {}", files,
                        e.getMessage());
            }
            current = new Snapshot<>(value, times, now);
            return value;
        }
    }

    private List<FileTime> times() throws IOException {
        List<FileTime> out = new ArrayList<>(files.size());
        for (Path file : files) {
            out.add(Files.getLastModifiedTime(file));
        }
        return out;
    }
}
