package io.cairn.kv.server.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removal of a member's scratch files and directories: snapshot archives being sent or received, a retired
 * database moved aside, temporary copies.
 *
 * <p>Why one place: the store, the snapshot RPC and snapshot shipping each clean up after themselves, always
 * best effort (a leftover file is harmless and the next start or transfer removes it), and they did so with three
 * copies of the same walk.
 */
public final class ScratchFiles {

    private ScratchFiles() {
    }

    /** Deletes {@code path} (a file, or a directory with everything below it) if it exists; errors are ignored. */
    public static void deleteQuietly(Path path) {
        try (Stream<Path> s = Files.exists(path) ? Files.walk(path) : Stream.empty()) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: leftovers are harmless
        }
    }
}
